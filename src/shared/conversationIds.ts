// Teams conversation ids, as far as Samspill reads them: a channel message's id names its thread
// (`…;messageid=…`), and votes and notices go to the channel itself, as new posts.

/** The channel a (thread's) conversation id belongs to. */
export const channelRoot = (conversationId: string): string => conversationId.split(';messageid=')[0] ?? conversationId;
