# syntax=docker/dockerfile:1
# scopegate: build with the full Node.js image (it has the compilers better-sqlite3 and argon2 may
# need), run on the slim one with production dependencies only, as the non-root `node` user.
ARG NODE_VERSION=24
ARG BUILD_IMAGE=node:${NODE_VERSION}-bookworm
ARG RUNTIME_IMAGE=node:${NODE_VERSION}-bookworm-slim

FROM ${BUILD_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs/nest-scopes/package.json ./libs/nest-scopes/
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY libs/nest-scopes/tsconfig.lib.json ./libs/nest-scopes/
COPY libs/nest-scopes/src ./libs/nest-scopes/src
COPY src ./src
# Production dependencies only, without what is never loaded at run time (types, maps, docs,
# the C sources of native modules), so that the image stays small.
RUN npm run build \
  && npm prune --omit=dev --omit=optional --no-audit --no-fund \
  && find node_modules -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' \
       -o -name '*.d.cts' -o -name '*.md' -o -name '*.markdown' \) -delete \
  && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
       node_modules/better-sqlite3/build/Release/obj* node_modules/better-sqlite3/build/Release/.deps \
  && mkdir -p /app/data

FROM ${RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=160 --max-semi-space-size=8" \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The guard library, a workspace package: node_modules/@scopegate/nest-scopes links here.
COPY --from=build --chown=node:node /app/libs/nest-scopes/package.json ./libs/nest-scopes/
COPY --from=build --chown=node:node /app/libs/nest-scopes/dist ./libs/nest-scopes/dist
COPY --from=build --chown=node:node /app/data ./data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/tools/healthcheck.js"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
