/** The package version; a playbook step records the version it was built with. */
export const HUBSPOT_CONNECTOR_VERSION = '0.1.0';
