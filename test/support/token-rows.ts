import { randomUUID } from 'node:crypto';

const DAY = 86_400;

/** A refresh token row as the token endpoint stores it, for tests that seed the table directly. */
export const refreshTokenRow = (
  userId: string,
  familyId: string,
  expiresAt: number,
  usedAt: number | null = null,
) => ({
  tokenHash: randomUUID().replace(/-/g, ''),
  familyId,
  userId,
  clientId: 'scopegate-web',
  scope: 'read',
  tokenVersion: 0,
  accessTokenId: randomUUID(),
  accessTokenExpiresAt: expiresAt,
  expiresAt,
  usedAt,
  revokedAt: null,
  createdAt: expiresAt - DAY,
});
