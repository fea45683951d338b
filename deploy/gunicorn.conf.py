"""Gunicorn configuration for the Special Issues CMS (``gunicorn -c deploy/gunicorn.conf.py
cms.wsgi:application``). Every value can be set from the environment:

    GUNICORN_BIND           address to listen on (default 0.0.0.0:8000; the container port)
    WEB_CONCURRENCY         worker processes (default 2 × CPUs + 1, at most 8)
    GUNICORN_THREADS        threads per worker (default 1: sync workers; >1 uses gthread)
    GUNICORN_TIMEOUT        seconds a request may take before its worker is restarted (30)
    GUNICORN_GRACEFUL_TIMEOUT  seconds to finish requests on shutdown or reload (30)
    GUNICORN_KEEPALIVE      seconds to keep an idle connection from the proxy open (5)
    GUNICORN_MAX_REQUESTS   restart a worker after this many requests, 0 = never (20000)
    GUNICORN_PRELOAD        "1" (default): import the app once, then fork the workers
    GUNICORN_ACCESS_LOG     access log file, "-" = stdout (default), "" = none
    GUNICORN_LOG_LEVEL      error log level (info)
    FORWARDED_ALLOW_IPS     proxies trusted for X-Forwarded-* (gunicorn reads it itself)

Requests are synchronous Django views that wait on PostgreSQL and Redis; with threads
(gthread) a worker overlaps that waiting. The response cache and the rate limiter live in
Redis (REDIS_URL), so workers and machines can be added freely.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # noqa: S104 - inside the container
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"

timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# The application is imported once in the master and forked: workers start in
# milliseconds (importing Django, Wagtail and Grapple takes seconds), which keeps the
# restarts below cheap. No database connection is opened at import.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"

# Recycling workers now and then bounds slow memory growth (e.g. per-process caches). Keep
# it high: at a few hundred requests/s, 1,000 would restart every worker every few
# seconds, and each new worker builds the GraphQL schema again on its first request.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Request line, status, size, duration in microseconds, and the client behind the proxy.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(D)sus "%(a)s" fwd=%({x-forwarded-for}i)s'

# gunicorn 24+ opens a control socket in ~/.gunicorn; a container needs none (and two
# servers on one host would share its path). Older versions ignore this name.
control_socket_disable = True

# Workers' temporary heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
