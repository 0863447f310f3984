import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { derivedKey } from '../keys/derived-key';
import { SigningKeys } from '../keys/signing-keys';

/**
 * Signs what the sign-in and consent pages hand to the browser (the pending request, the sign-in
 * session, CSRF tokens) with an HMAC key derived from the token signing key, so every instance
 * that shares the signing key accepts what another signed.
 */
@Injectable()
export class PageSigner {
  private readonly key: Buffer;

  constructor(keys: SigningKeys) {
    this.key = derivedKey(keys.current.signingKey, 'scopegate/authorize-pages');
  }

  /** `value.signature`; `purpose` keeps a value signed for one use from passing for another. */
  sign(purpose: string, value: string): string {
    return `${value}.${this.mac(purpose, value)}`;
  }

  /** The value, if the signature holds. */
  verify(purpose: string, signed: string | undefined): string | undefined {
    if (!signed) return undefined;
    const dot = signed.lastIndexOf('.');
    if (dot < 0) return undefined;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(purpose, value));
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  nonce(): string {
    return randomBytes(32).toString('base64url');
  }

  private mac(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}\n${value}`).digest('base64url');
  }
}
