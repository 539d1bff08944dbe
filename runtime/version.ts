// Generated from package.json by `npm run manifest`; do not edit.

/** The connector's version (the manifest's `version`); v5.0 follows Tray.io's Pipedrive connector v5.0. */
export const CONNECTOR_VERSION = '5.0.0';

/** The package's name, which every request's user agent gives with the version. */
export const PACKAGE_NAME = 'pipedrive-connector';
