// botbuilder's channel authentication, with one correction: when jsonwebtoken itself rejects a
// token (bad signature, not valid yet, a disallowed algorithm, a malformed token) botbuilder
// lets that error escape as it is, and CloudAdapter answers 500 instead of 401. A forged token is
// the caller's fault, never ours, so those errors become an AuthenticationError (401) here.
import { ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';

/** jsonwebtoken's error classes: JsonWebTokenError and its subclasses. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

export class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (error instanceof Error && !(error instanceof AuthenticationError) && TOKEN_ERRORS.has(error.name)) {
        throw new AuthenticationError(`Unauthorized. ${error.message}`, StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
  }
}
