// botbuilder's CloudAdapter with its turn entry point opened up: the HTTP edge authenticates a
// request itself (authenticatedTurn.ts) and hands the adapter the result, instead of letting
// CloudAdapter.process answer from its own error handling (a 500 carrying the error's message).
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';

export interface AuthenticatedTurns {
  /** Runs `logic` for an activity whose request is already authenticated. */
  processAuthenticated(authenticated: AuthenticateRequestResult, activity: Activity, logic: (turn: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

export class TurnAdapter extends CloudAdapter implements AuthenticatedTurns {
  processAuthenticated(authenticated: AuthenticateRequestResult, activity: Activity, logic: (turn: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated, activity, logic);
  }
}
