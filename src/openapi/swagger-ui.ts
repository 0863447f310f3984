import type { SwaggerCustomOptions } from '@nestjs/swagger';

/** Where the Authorize dialog finds a plain-words line for each OAuth2 flow (see openapi.ts). */
export const FLOW_DESCRIPTIONS_EXTENSION = 'x-flow-descriptions';

/**
 * A Swagger UI plugin, sent to the browser as source text in swagger-ui-init.js (a file, so the CSP
 * needs no inline script): it must not use anything from this module.
 * - Each OAuth2 flow of the Authorize dialog gets its own line from the document
 *   (`x-flow-descriptions`): which one to pick, and why.
 * - When the dialog opens, the focus goes to its first flow (the code flow), not to the HTTP Basic
 *   form that Swagger UI focuses by itself: that scheme is only for client authentication at the
 *   introspection endpoint.
 */
function authorizeDialogPlugin() {
  return {
    wrapComponents: {
      oauth2:
        (Original: (props: object) => unknown, system: SwaggerSystem) =>
        (props: { name: string; schema: { get(key: string): string } }) => {
          const lines = system.specSelectors
            .specJson()
            .getIn(['components', 'securitySchemes', props.name, 'x-flow-descriptions']);
          const line = lines?.get(props.schema.get('flow'));
          return system.React.createElement(
            'div',
            null,
            line ? system.React.createElement('p', { className: 'flow-description' }, line) : null,
            system.React.createElement(Original, props),
          );
        },
      authorizationPopup:
        (Original: (props: object) => unknown, system: SwaggerSystem) => (props: object) => {
          system.React.useEffect(() => {
            const first = document.querySelector<HTMLElement>(
              '.modal-ux .auth-container input:not([type=hidden])',
            );
            first?.focus();
            document.querySelector('.modal-ux-content')?.scrollTo(0, 0);
          }, []);
          return system.React.createElement(Original, props);
        },
    },
  };
}

/** What the plugin uses of Swagger UI's system object. */
interface SwaggerSystem {
  React: {
    createElement(type: unknown, props: object | null, ...children: unknown[]): unknown;
    useEffect(effect: () => void, deps: unknown[]): void;
  };
  specSelectors: {
    specJson(): { getIn(path: string[]): { get(key: string): string | undefined } | undefined };
  };
}

/**
 * The built-in public clients have no secret, and the password flow sends its client id in the
 * Authorization header: the dialog hides the empty `client_secret` box of the code and password
 * flows and the "Client credentials location" menu. The client credentials flow keeps both fields.
 */
const AUTHORIZE_DIALOG_CSS = `
.swagger-ui .auth-container .wrapper:has(> label[for="client_secret_authorizationCode"]),
.swagger-ui .auth-container .wrapper:has(> label[for="client_secret_password"]),
.swagger-ui .auth-container .wrapper:has(> label[for="password_type"]) { display: none; }
.swagger-ui .auth-container .flow-description { font-weight: 600; margin: 0 0 0.5em; }
`;

export const swaggerUiOptions = (
  clientId: string,
  redirectUrl: string,
): Pick<SwaggerCustomOptions, 'customCss' | 'swaggerOptions'> => ({
  customCss: AUTHORIZE_DIALOG_CSS,
  swaggerOptions: {
    persistAuthorization: true,
    oauth2RedirectUrl: redirectUrl,
    initOAuth: { clientId, usePkceWithAuthorizationCodeGrant: true },
    plugins: [authorizeDialogPlugin],
  },
});
