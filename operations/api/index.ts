import api_request from './api_request.js';

/** The raw API call. */
export default [api_request];
