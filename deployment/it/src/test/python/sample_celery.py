"""Python's side of CeleryMdbIT, with Debian's Celery 5.2 (/usr/bin/python3).

  sample_celery.py client BROKER SCENARIO   calls the sample's JavaTasks MDB (queue java-tasks) and prints
                                            {"result": ...} as JSON; a task failure as its type, message and state
  celery -A sample_celery worker …          a Python worker serving py.add, which the sample's
                                            POST /api/tasks/py.add sends to
"""
import json
import os
import sys

from celery import Celery, chain

app = Celery('sample_celery', broker=os.environ.get('WARREN_CELERY_BROKER', 'pyamqp://guest:guest@127.0.0.1:5672//'),
             backend='rpc://')
app.conf.update(accept_content=['json'], result_accept_content=['json'], enable_utc=True,
                worker_hijack_root_logger=False, worker_enable_remote_control=False)


@app.task(name='py.add')
def add(x, y):
    return x + y


def failure(r):
    try:
        return {'unexpected_result': r.get(timeout=20)}
    except Exception as e:  # the Java exception, rebuilt by Celery from exc_type/exc_module/exc_message
        return {'type': type(e).__name__, 'message': str(e), 'state': r.state, 'traceback': r.traceback}


def client(scenario):
    q = 'java-tasks'
    if scenario == 'add':
        return app.send_task('java.add', (2, 3), queue=q).get(timeout=20)
    if scenario == 'kwargs':
        return app.send_task('java.add', (), {'a': 40, 'b': 2}, queue=q).get(timeout=20)
    if scenario == 'divide_by_zero':
        return failure(app.send_task('java.divide', (1, 0), queue=q))
    if scenario == 'v1':
        app.conf.task_protocol = 1
        return app.send_task('java.add', (20, 1), queue=q).get(timeout=20)
    if scenario == 'chain':
        return chain(app.signature('java.add', (2, 3), queue=q),
                     app.signature('java.add', (4,), queue=q)).apply_async().get(timeout=20)
    raise SystemExit('unknown scenario ' + scenario)


if __name__ == '__main__' and len(sys.argv) > 3 and sys.argv[1] == 'client':
    os.environ['WARREN_CELERY_BROKER'] = sys.argv[2]
    app.conf.broker_url = sys.argv[2]
    print(json.dumps({'result': client(sys.argv[3])}))
