import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { parseForm } from '../../src/auth/oauth/form';

/** A token-request-like form: one required field, one optional. */
class ExampleForm {
  @IsString()
  @IsIn(['password', 'refresh_token'])
  grant_type!: string;

  @IsOptional()
  @IsString()
  @MaxLength(16)
  scope?: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** What parseForm reads of a FastifyRequest: its headers and its parsed body. */
const requestOf = (body: unknown, contentType: string | null = FORM) =>
  ({
    headers: contentType === null ? {} : { 'content-type': contentType },
    body,
  }) as unknown as FastifyRequest;

/** The invalid_request a call threw, as the endpoint answers it. */
function refusal(call: () => unknown): { status: number; body: unknown } {
  try {
    call();
  } catch (error) {
    const thrown = error as { getStatus(): number; getResponse(): unknown };
    return { status: thrown.getStatus(), body: thrown.getResponse() };
  }
  throw new Error('expected the form to be refused, but it was accepted');
}

const invalidRequest = (description: string) => ({
  status: 400,
  body: { error: 'invalid_request', error_description: description },
});

describe('parseForm: an OAuth endpoint’s form body', () => {
  it('gives the DTO, dropping parameters it does not know', () => {
    const form = parseForm(
      requestOf({ grant_type: 'password', scope: 'items:read', extra: 'x' }),
      ExampleForm,
    );
    expect(form).toBeInstanceOf(ExampleForm);
    expect({ ...form }).toEqual({ grant_type: 'password', scope: 'items:read' });
  });

  it.each([`${FORM}; charset=UTF-8`, 'Application/X-WWW-Form-Urlencoded'])(
    'accepts the content type %s',
    (contentType) => {
      expect(parseForm(requestOf({ grant_type: 'password' }, contentType), ExampleForm)).toEqual(
        expect.objectContaining({ grant_type: 'password' }),
      );
    },
  );

  it.each([
    ['JSON', { grant_type: 'password' }, 'application/json'],
    ['no content type', { grant_type: 'password' }, null],
    ['a look-alike type', { grant_type: 'password' }, `${FORM}x`],
    ['a body left unparsed', 'grant_type=password', FORM],
    ['no body', undefined, FORM],
    ['a null body', null, FORM],
  ])('refuses %s', (_, body, contentType) => {
    expect(refusal(() => parseForm(requestOf(body, contentType), ExampleForm))).toEqual(
      invalidRequest('The body must be application/x-www-form-urlencoded'),
    );
  });

  it('refuses a repeated parameter, naming it only when the form knows it', () => {
    expect(
      refusal(() => parseForm(requestOf({ grant_type: ['password', 'password'] }), ExampleForm)),
    ).toEqual(invalidRequest('The parameter grant_type is repeated'));
    expect(
      refusal(() =>
        parseForm(requestOf({ grant_type: 'password', 'made<up>': ['a', 'b'] }), ExampleForm),
      ),
    ).toEqual(invalidRequest('A parameter is repeated'));
  });

  it('refuses NUL and lone surrogates anywhere, unknown parameters included', () => {
    const hostile = 'holds a NUL character or a lone UTF-16 surrogate';
    expect(
      refusal(() => parseForm(requestOf({ grant_type: 'password', scope: 'a\0b' }), ExampleForm)),
    ).toEqual(invalidRequest(`The parameter scope ${hostile}`));
    expect(
      refusal(() => parseForm(requestOf({ grant_type: 'password', other: '\uD800' }), ExampleForm)),
    ).toEqual(invalidRequest(`A parameter ${hostile}`));
    // A well-formed surrogate pair is ordinary text.
    expect(
      parseForm(requestOf({ grant_type: 'password', other: '\uD83D\uDE00' }), ExampleForm),
    ).toBeInstanceOf(ExampleForm);
  });

  it('takes an empty parameter as omitted (RFC 6749 section 3.2)', () => {
    expect({ ...parseForm(requestOf({ grant_type: 'password', scope: '' }), ExampleForm) }).toEqual(
      { grant_type: 'password' },
    );
    expect(refusal(() => parseForm(requestOf({ grant_type: '' }), ExampleForm))).toEqual(
      invalidRequest('The parameter grant_type is missing'),
    );
    expect(refusal(() => parseForm(requestOf({}), ExampleForm))).toEqual(
      invalidRequest('The parameter grant_type is missing'),
    );
  });

  it('refuses an invalid value with the validator’s message', () => {
    const { status, body } = refusal(() =>
      parseForm(requestOf({ grant_type: 'password', scope: 'x'.repeat(17) }), ExampleForm),
    );
    expect(status).toBe(400);
    expect(body).toEqual({
      error: 'invalid_request',
      error_description: 'scope must be shorter than or equal to 16 characters',
    });
  });
});
