# syntax=docker/dockerfile:1
# The portal's production image: backend plus the built app, served together on port 7007.
# Build from the repository root: docker build -t portal .
# Run with the variables listed in README.md (PostgreSQL, sign-in, secrets).

FROM node:22-bookworm-slim AS base
# Native addons (better-sqlite3, isolated-vm) compile during install.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 g++ make \
 && rm -rf /var/lib/apt/lists/*
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0 YARN_ENABLE_TELEMETRY=0
RUN corepack enable
WORKDIR /app

# Stage 1: install everything, type-check, build the backend bundle and the app.
FROM base AS build
COPY . .
RUN yarn install --immutable
RUN yarn tsc && yarn build:all

# Stage 2: production dependencies only, from the skeleton (package.json files) of the bundle.
FROM base AS prod-deps
COPY --from=build /app/package.json /app/yarn.lock /app/.yarnrc.yml /app/backstage.json ./
COPY --from=build /app/packages/backend/dist/skeleton.tar.gz ./
RUN tar xzf skeleton.tar.gz && rm skeleton.tar.gz \
 && yarn workspaces focus --all --production \
 && yarn cache clean --all

# Stage 3: the runtime image, no compilers, non-root.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
# The demo catalog until PORTAL_CATALOG_FILE points at your own Location file.
ENV PORTAL_CATALOG_FILE=/app/catalog/all.yaml
WORKDIR /app
COPY --from=prod-deps /app ./
COPY --from=build /app/packages/backend/dist/bundle.tar.gz ./
RUN tar xzf bundle.tar.gz && rm bundle.tar.gz
COPY app-config*.yaml catalog-info.yaml ./
# Prometheus metrics of the backend's own requests, loaded before the backend (--require below).
# Off unless PORTAL_METRICS_PORT is set: run with -e PORTAL_METRICS_PORT=9464
# -e PORTAL_METRICS_HOST=0.0.0.0 -p 9464:9464 and scrape /metrics as job "portal"
# (catalog/slos/portal.yaml queries that job).
COPY packages/backend/src/instrumentation.js ./instrumentation.js
COPY catalog ./catalog
# The golden-path templates (and their kept versions) that the catalog registers and drift renders.
COPY templates ./templates
RUN chown -R node:node /app
USER node
EXPOSE 7007
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:7007/.backstage/health/v1/readiness').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# Add "--config", "app-config.api-access.yaml" to the command when PORTAL_API_TOKEN is set.
CMD ["node", "--require", "./instrumentation.js", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
