module.exports = {
  ...require('../jest.preset.js'),
  displayName: '@tripline/e2e',
};
