/** The Extend API version these nodes are built for (the x-extend-api-version header). */
export const EXTEND_API_VERSION = '2026-02-09';
