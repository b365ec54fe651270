# Pebble, Let's Encrypt's ACME test server, for the front door's end-to-end test
# (.ci/front_door.py): it validates HTTP-01 challenges for real, on port 80 of the name asked.
ARG BASE_IMAGE=debian:bookworm-slim
FROM ${BASE_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends pebble \
    && rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["pebble"]
