/** The connector's version (the manifest's `version`); v5.0 follows Tray.io's Pipedrive connector v5.0. */
export const CONNECTOR_VERSION = '5.0.0';
