"""Celery tasks for Warren's CeleryInteropIT: a real Celery worker that Java sends tasks to.

Started by the test as `/usr/bin/python3 -m celery -A warren_celery_tasks worker --pool=solo --concurrency=1 -Q <queue>` from a
temporary directory holding only this file; the broker comes from WARREN_CELERY_BROKER.
"""
import itertools
import os
import time

from celery import Celery

app = Celery('warren_celery_tasks',
             broker=os.environ.get('WARREN_CELERY_BROKER', 'pyamqp://guest:guest@127.0.0.1:5672//'),
             backend='rpc://')
app.conf.update(
    accept_content=['json', 'msgpack', 'yaml', 'pickle'],
    task_serializer='json',
    result_serializer='json',
    result_accept_content=['json'],
    task_queue_max_priority=10,
    task_default_priority=0,
    worker_prefetch_multiplier=1,
    task_acks_late=True,
    task_track_started=True,
    worker_hijack_root_logger=False,
    broker_connection_retry_on_startup=True,
    enable_utc=True,
    worker_enable_remote_control=False,  # no celery.pidbox exchange left behind
)

_counter = itertools.count(1)


@app.task
def add(x, y):
    return x + y


@app.task
def echo(*args, **kwargs):
    return {'args': list(args), 'kwargs': kwargs}


@app.task
def greet(name, greeting='Hello', punctuation='!'):
    return '%s, %s%s' % (greeting, name, punctuation)


@app.task
def fail(message):
    raise ValueError(message)


@app.task
def stamp():
    """The worker's clock when the task ran (epoch seconds)."""
    return time.time()


@app.task
def sleep(seconds):
    time.sleep(seconds)
    return seconds


@app.task
def order(label):
    """A counter per worker process: which of several tasks ran first."""
    return [label, next(_counter)]


@app.task(bind=True)
def request_info(self):
    r = self.request
    return {
        'id': r.id,
        'root_id': r.root_id,
        'parent_id': r.parent_id,
        'retries': r.retries,
        'timelimit': list(r.timelimit) if r.timelimit else None,
        'eta': r.eta,
        'expires': r.expires,
        'origin': r.origin,
        'priority': (r.delivery_info or {}).get('priority'),
        'routing_key': (r.delivery_info or {}).get('routing_key'),
        'exchange': (r.delivery_info or {}).get('exchange'),
        'ignore_result': getattr(r, 'ignore_result', None),
    }
