# Tripline images, one file, three targets:
#   docker build --target api .        the API (GraphQL, ingest, outbox dispatcher)
#   docker build --target worker .     the Temporal worker
#   docker build --target designer .   the designer: static files behind nginx, which proxies /graphql (with
#                                      websockets), /v1/ and /healthz to the API like `vite preview` does
# docker-compose.yml builds all three. Works with the classic builder and BuildKit alike.

ARG NODE_IMAGE=node:20-bookworm
ARG NODE_RUNTIME_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginx:1.27-alpine

# Only the package manifests, so `npm ci` is cached until a dependency changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json \) -print \
    | while read -r file; do mkdir -p "/manifests/$(dirname "$file")" && cp "$file" "/manifests/$file"; done

# Install everything, build every package with Nx, then drop development dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY --from=manifests /manifests/ ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx nx run-many -t build && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_RUNTIME_IMAGE} AS runtime
ENV NODE_ENV=production TRIPLINE_DATA_DIR=/var/lib/tripline
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /var/lib/tripline && chown node:node /var/lib/tripline
USER node

FROM runtime AS api
EXPOSE 3000
CMD ["node", "backend/dist/main.js"]

FROM runtime AS worker
CMD ["node", "workflow-workers/dist/main.js"]

# nginx fills ${TRIPLINE_API_URL} into the template at start (its envsubst entrypoint leaves nginx's own
# $variables alone because they are not environment variables).
FROM ${NGINX_IMAGE} AS designer
ENV TRIPLINE_API_URL=http://api:3000
COPY --from=build /app/designer/dist /usr/share/nginx/html
RUN rm -f /etc/nginx/conf.d/default.conf && mkdir -p /etc/nginx/templates && printf '%s\n' \
    'map $http_upgrade $connection_upgrade { default upgrade; "" close; }' \
    'server {' \
    '  listen 8080;' \
    '  root /usr/share/nginx/html;' \
    '  location /graphql {' \
    '    proxy_pass ${TRIPLINE_API_URL};' \
    '    proxy_http_version 1.1;' \
    '    proxy_set_header Upgrade $http_upgrade;' \
    '    proxy_set_header Connection $connection_upgrade;' \
    '    proxy_set_header Host $host;' \
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;' \
    '    proxy_read_timeout 1h;' \
    '  }' \
    '  location /v1/ {' \
    '    proxy_pass ${TRIPLINE_API_URL};' \
    '    proxy_set_header Host $host;' \
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;' \
    '    client_max_body_size 1m;' \
    '  }' \
    '  location = /healthz {' \
    '    proxy_pass ${TRIPLINE_API_URL};' \
    '  }' \
    '  location / {' \
    '    try_files $uri $uri/ /index.html;' \
    '  }' \
    '}' > /etc/nginx/templates/default.conf.template
EXPOSE 8080
