module.exports = {
  ...require('../../jest.preset.js'),
  displayName: '@tripline/connector-testkit',
};
