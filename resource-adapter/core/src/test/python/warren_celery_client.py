"""A Python Celery client for Warren's CeleryServingIT: sends tasks that a Warren message-driven bean serves.

Usage: /usr/bin/python3 warren_celery_client.py BROKER_URL QUEUE SCENARIO
Prints one JSON object {"result": ...}; a task failure is reported as its type, message, state and traceback.
"""
import json
import sys
import time
from datetime import datetime, timedelta, timezone

from celery import Celery, chain

broker, queue, scenario = sys.argv[1], sys.argv[2], sys.argv[3]
app = Celery('warren_celery_client', broker=broker, backend='rpc://')
app.conf.update(accept_content=['json'], result_accept_content=['json'], task_serializer='json',
                result_serializer='json', enable_utc=True)
if scenario == 'v1':
    app.conf.task_protocol = 1


def failure(r):
    try:
        return {'unexpected_result': r.get(timeout=10)}
    except Exception as e:  # the task's exception, rebuilt by Celery from exc_type/exc_module/exc_message
        return {'type': type(e).__name__, 'message': str(e), 'args': [str(a) for a in e.args],
                'is_exception': isinstance(e, Exception), 'state': r.state, 'traceback': r.traceback}


def run():
    if scenario in ('add', 'v1'):
        return app.send_task('java.add', (2, 3), queue=queue).get(timeout=10)
    if scenario == 'kwargs':
        return app.send_task('java.greet', ('Ada',), {'greeting': 'Hi'}, queue=queue).get(timeout=10)
    if scenario == 'fail':
        return failure(app.send_task('java.fail', ('boom from python',), queue=queue))
    if scenario == 'chain':
        return chain(app.signature('java.add', (2, 3), queue=queue),
                     app.signature('java.mul', (4,), queue=queue)).apply_async().get(timeout=10)
    if scenario == 'countdown':
        sent = time.time()
        ran = app.send_task('java.now', queue=queue, countdown=1.5).get(timeout=15)
        return {'sent': sent, 'ran': ran}
    if scenario == 'expired':
        past = datetime.now(timezone.utc) - timedelta(seconds=5)
        return failure(app.send_task('java.add', (1, 1), queue=queue, expires=past))
    if scenario == 'unknown':
        app.send_task('java.nope', (1,), queue=queue)
        return 'sent'
    raise SystemExit('unknown scenario ' + scenario)


print(json.dumps({'result': run()}))
