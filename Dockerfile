# syntax=docker/dockerfile:1
#
# tradegraph in a container: `docker build -t tradegraph .` then
# `docker run -p 8080:8080 tradegraph` serves the GraphQL API and the
# playground on http://localhost:8080 over the embedded SQLite store, with the
# example articles loaded on first start. docker-compose.yml runs it against
# Neo4j instead.

# ---- build: a static binary, so the runtime image needs no libc ----
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/tradegraph ./cmd/tradegraph

# ---- runtime ----
# Alpine rather than distroless because busybox's wget lets the image (and
# docker-compose.yml) check /healthz; distroless has no tool to do that.
FROM alpine:3.22 AS runtime
RUN apk add --no-cache ca-certificates tzdata \
 && addgroup -S -g 10001 tradegraph \
 && adduser -S -D -H -u 10001 -G tradegraph -h /var/lib/tradegraph tradegraph \
 && install -d -o tradegraph -g tradegraph -m 0750 /var/lib/tradegraph
WORKDIR /app
COPY --from=build /out/tradegraph /usr/local/bin/tradegraph
COPY testdata/articles /app/testdata/articles
ENV TRADEGRAPH_ADDR=0.0.0.0:8080 \
    TRADEGRAPH_SQLITE_PATH=/var/lib/tradegraph/tradegraph.db \
    TRADEGRAPH_EXAMPLES=/app/testdata/articles
# Numeric, so that runtimes enforcing runAsNonRoot can verify it.
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["tradegraph"]
CMD ["serve"]
