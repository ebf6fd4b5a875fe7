# One image per connector, chosen by build arguments:
#
#   docker build --build-arg CONNECTOR=source-mitxonline --build-arg VERSION=0.1.0 \
#     -t learnflow/source-mitxonline:0.1.0 .
#
# CONNECTOR is a name from connectors/registry.ts; VERSION must equal that connector's version (the
# build fails otherwise). The image follows Airbyte's custom-connector rules: AIRBYTE_ENTRYPOINT equals
# the ENTRYPOINT with absolute paths, io.airbyte.name/version labels, a non-root `airbyte` user with a
# writable /airbyte, and `spec` needs no network. tests/dockerfile.test.ts checks all of this.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY connectors ./connectors
COPY runner ./runner
COPY shared-schema ./shared-schema
RUN npx tsc -p tsconfig.build.json

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE}
ARG CONNECTOR
ARG VERSION
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
RUN test -n "${CONNECTOR}" && test -n "${VERSION}" \
  && node -e "const c = require('/app/dist/connectors/registry.js').findConnector(process.argv[1]); if (!c) throw new Error('unknown connector ' + process.argv[1]); if (c.load().version !== process.argv[2]) throw new Error('VERSION ' + process.argv[2] + ' is not ' + c.name + ' ' + c.load().version);" "${CONNECTOR}" "${VERSION}" \
  && ln -s "/app/dist/connectors/${CONNECTOR}/src/index.js" /app/entrypoint.js \
  && groupadd --system airbyte && useradd --system --gid airbyte --home-dir /airbyte airbyte \
  && mkdir -p /airbyte && chown airbyte:airbyte /airbyte
LABEL io.airbyte.name="learnflow/${CONNECTOR}" io.airbyte.version="${VERSION}"
ENV NODE_ENV=production LEARNFLOW_USE_DIST=1
ENV AIRBYTE_ENTRYPOINT="/usr/local/bin/node /app/entrypoint.js"
USER airbyte
WORKDIR /airbyte
ENTRYPOINT ["/usr/local/bin/node", "/app/entrypoint.js"]
