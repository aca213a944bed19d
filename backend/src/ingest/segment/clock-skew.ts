/**
 * Segment's clock-skew correction: a client's clock may be wrong, but the difference between its
 * `sentAt` and its `timestamp` is right, so the event happened that long before the server received
 * the request. timestamp = receivedAt - (sentAt - originalTimestamp). Without sentAt the client's
 * timestamp is kept; without a timestamp the event happened when it was received.
 */
export function correctedTimestamp(input: { timestamp: Date | null; sentAt: Date | null; receivedAt: Date }): Date {
  const { timestamp, sentAt, receivedAt } = input;
  if (timestamp === null) return receivedAt;
  if (sentAt === null) return timestamp;
  return new Date(receivedAt.getTime() - (sentAt.getTime() - timestamp.getTime()));
}
