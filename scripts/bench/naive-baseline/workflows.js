// The naive baseline's workflow: one Temporal workflow per product event, each step an activity.
// CommonJS because the repository root is not an ES module package; Temporal bundles it with webpack.
const { proxyActivities } = require('@temporalio/workflow');

const { scoreEvent, evaluateThreshold, sendEmail } = proxyActivities({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumAttempts: 10 },
});

/** event → score → trigger → action, for one event. Returns when (epoch ms) its email started, if it fired. */
async function naiveEventWorkflow({ event, email }) {
  const change = await scoreEvent(event);
  if (change === null) return { fired: false };
  const fired = await evaluateThreshold({ event, change });
  if (!fired) return { fired: false };
  const { startedAt } = await sendEmail({ ...email, key: event.messageId });
  return { fired: true, actionStartedAt: startedAt };
}

module.exports = { naiveEventWorkflow };
