/** The OpenAPI security scheme of a registered client's HTTP Basic credentials. */
export const CLIENT_BASIC_SECURITY_NAME = 'client_basic';
