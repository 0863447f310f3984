/** The `realm` of scopegate's challenges, Bearer (RFC 6750) and Basic (client authentication). */
export const REALM = 'scopegate';
