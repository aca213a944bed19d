/** This package's version; a playbook step records the version it was built with. */
export const SLACK_CONNECTOR_VERSION = '0.1.0';
