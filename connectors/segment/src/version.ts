/** The package version; a playbook step or trigger subscription records the version it was built with. */
export const SEGMENT_CONNECTOR_VERSION = '0.1.0';
