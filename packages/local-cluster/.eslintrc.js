module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The kubectl conformance suites register their tests through `command(...)`.
    'jest/no-standalone-expect': [
      'error',
      { additionalTestBlockFunctions: ['command'] },
    ],
  },
});
