# syntax=docker/dockerfile:1
# The storefront's production image: Next's standalone server on Node 24 LTS, run as a non-root user.
#
#   docker build -t storefront .
#   docker run --rm -p 3000:3000 --env-file storefront.env storefront
#
# The image reads every setting at run time (docs/operations.md lists them), so one image serves every
# environment. Database migrations are not run at start-up: they are their own image, run once before
# a new release serves (compose.yaml's `migrate` service does it):
#
#   docker build --target migrate -t storefront-migrate .
#   docker run --rm -e DATABASE_URL=postgres://… storefront-migrate

FROM node:24-slim AS deps
WORKDIR /app
# The lockfile and the workspace it names (the bundled emulator, which the build's type check reads).
COPY package.json package-lock.json ./
COPY packages/ packages/
RUN npm ci --no-audit --no-fund

FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
# `next build`, whose adapter hashes the static pages' scripts, then public/ and the static files copied
# into .next/standalone (the two copies Next's Docker example makes here).
RUN npm run build

# The standalone server traces only what it imports, so the migrations and the script that applies them
# run from the full source and its packages instead.
FROM deps AS migrate
COPY . .
USER node
CMD ["npm", "run", "db:migrate"]

FROM node:24-slim AS runner
WORKDIR /app
# NEXT_MANUAL_SIG_HANDLE: the storefront stops itself on SIGTERM (answers what is in flight, closes the
# ledger, exits within 10 s: docker stop's default wait) instead of Next's own handler.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NEXT_MANUAL_SIG_HANDLE=true \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    PGLITE_DATA_DIR=/data/pglite
# Owned by root, so the server can't change its own code or pages; only Next's cache is writable, and
# /data, where the embedded ledger keeps its orders when no DATABASE_URL is set (mount a volume there).
COPY --from=build /app/.next/standalone ./
RUN mkdir .next/cache /data && chown node:node .next/cache /data
VOLUME /data
USER node
EXPOSE 3000
# Readiness: healthy while the instance can take orders (its database, and Redis when set, answer in
# time), which compose waits for before the balancer starts. /api/health only says the process answers.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
