// One Jest run over every workspace, so `npm test` prints one summary.
module.exports = {
  projects: [
    '<rootDir>/libs/playbook',
    '<rootDir>/libs/templates',
    '<rootDir>/libs/scoring',
    '<rootDir>/connectors/sdk',
    '<rootDir>/connectors/email',
    '<rootDir>/connectors/testkit',
    '<rootDir>/connectors/slack',
    '<rootDir>/connectors/webhook',
    '<rootDir>/connectors/segment',
    '<rootDir>/connectors/mixpanel',
    '<rootDir>/connectors/hubspot',
    '<rootDir>/connectors/salesforce',
    '<rootDir>/backend',
    '<rootDir>/workflow-workers',
    '<rootDir>/designer/jest.config.cjs',
    '<rootDir>/designer/jest.dom.config.cjs',
    '<rootDir>/e2e',
  ],
};
