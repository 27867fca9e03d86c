"""The access line: one per request, with what an operator needs to find it again."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re

import pytest

from nova_api.middleware import request_log


def access_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == 'nova_api.access']


def test_each_request_logs_one_access_line(pipeline, api_request, assert_request_ids, caplog):
    with caplog.at_level(logging.INFO, logger='nova_api.access'):
        response = api_request(pipeline, '/v2.1/?verbose=1', version='2.42',
                               environ={'REMOTE_ADDR': '192.0.2.7'})
    [line] = access_lines(caplog)
    assert line.startswith('192.0.2.7 "GET /v2.1/?verbose=1" status: 200 microversion: 2.42 ')
    assert 'request_id: %s ' % assert_request_ids(response) in line


def test_faults_are_logged_with_their_status(pipeline, api_request, caplog):
    with caplog.at_level(logging.INFO, logger='nova_api.access'):
        api_request(pipeline, '/v2.1/servers')
    [line] = access_lines(caplog)
    assert '"GET /v2.1/servers" status: 401 microversion: 2.1 ' in line


def test_documents_without_microversion_log_a_dash(pipeline, api_request, caplog):
    with caplog.at_level(logging.INFO, logger='nova_api.access'):
        api_request(pipeline, '/')
    [line] = access_lines(caplog)
    assert '"GET /" status: 200 microversion: - ' in line


def test_request_whose_router_fails_still_gets_its_access_line(load_pipeline, api_request,
                                                                assert_request_ids, caplog):
    """Regression: an error raised below request_log skipped the access line."""
    def broken_router(environ, start_response):
        raise RuntimeError('router bug')

    app = load_pipeline(api_router=broken_router)
    with caplog.at_level(logging.INFO, logger='nova_api.access'):
        response = api_request(app, '/v2.1/servers', token='alice:p')
    assert response.status_int == 500
    [line] = access_lines(caplog)
    assert '"GET /v2.1/servers" status: 500 ' in line
    assert 'request_id: %s ' % assert_request_ids(response) in line


# -- plain handlers: the line written directly, in oslo.log's layout -----------

LAYOUT = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.(\d{3}) (\d+) INFO nova_api\.access (.*)$')


@pytest.fixture
def access_logger():
    """The access logger, restored afterwards (install_plain_handler changes it)."""
    logger = logging.getLogger(request_log.ACCESS_LOGGER)
    saved = logger.handlers[:], logger.propagate, logger.filters[:], logger.level
    yield logger
    logger.handlers, logger.propagate, logger.filters = saved[:3]
    logger.setLevel(saved[3])


def plain_to(stream, access_logger):
    handler = request_log.PlainLineHandler(logging.StreamHandler(stream), '%Y-%m-%d %H:%M:%S')
    access_logger.handlers = [handler]
    access_logger.propagate = False
    access_logger.setLevel(logging.INFO)
    return handler


def test_plain_handler_writes_the_oslo_layout_with_milliseconds_and_pid(access_logger):
    stream = io.StringIO()
    handler = plain_to(stream, access_logger)
    handler.write('first', created=1700000000.25)
    handler.write('second', created=1700000000.5)
    [first, second] = stream.getvalue().splitlines()
    assert LAYOUT.match(first).groups() == ('250', str(os.getpid()), 'first')
    assert LAYOUT.match(second).groups() == ('500', str(os.getpid()), 'second')


def test_pipeline_hands_plain_handlers_the_finished_line(load_pipeline, api_request,
                                                         assert_request_ids, access_logger,
                                                         monkeypatch):
    stream = io.StringIO()
    plain_to(stream, access_logger)
    # No LogRecord on this path: it is the cost the plain handlers exist to avoid.
    monkeypatch.setattr(logging.Logger, 'makeRecord', None)
    response = api_request(load_pipeline(), '/v2.1/', version='2.3',
                           environ={'REMOTE_ADDR': '192.0.2.7'})
    [line] = stream.getvalue().splitlines()
    message = LAYOUT.match(line).group(3)
    assert message.startswith('192.0.2.7 "GET /v2.1/" status: 200 microversion: 2.3 ')
    assert 'request_id: %s ' % assert_request_ids(response) in message


def test_a_filter_on_the_access_logger_sends_lines_through_logging(load_pipeline, api_request,
                                                                   access_logger, caplog):
    stream = io.StringIO()
    plain_to(stream, access_logger)
    access_logger.addFilter(lambda record: 'secret' not in record.getMessage())
    app = load_pipeline()
    api_request(app, '/v2.1/?secret=1')
    api_request(app, '/v2.1/?public=1')
    [line] = stream.getvalue().splitlines()
    assert '"GET /v2.1/?public=1"' in line


def test_plain_handler_follows_logrotate_within_a_second(tmp_path, access_logger):
    path = tmp_path / 'nova-api.log'
    handler = request_log.PlainLineHandler(logging.handlers.WatchedFileHandler(path), None)
    handler.write('before', created=1000.1)
    path.rename(tmp_path / 'nova-api.log.1')
    handler.write('same second', created=1000.9)
    handler.write('next second', created=1001.0)
    handler.target.close()
    rotated = (tmp_path / 'nova-api.log.1').read_text().splitlines()
    assert [LAYOUT.match(line).group(3) for line in rotated] == ['before', 'same second']
    assert LAYOUT.match(path.read_text()).group(3) == 'next second'


def test_install_plain_handler_only_over_plain_streams_and_files(make_conf, access_logger):
    root = logging.getLogger()
    saved = root.handlers[:]
    try:
        root.handlers = [logging.StreamHandler(io.StringIO())]
        assert request_log.install_plain_handler(make_conf())
        assert [type(h) for h in access_logger.handlers] == [request_log.PlainLineHandler]
        assert request_log.plain_handlers() == tuple(access_logger.handlers)

        access_logger.handlers, access_logger.propagate = [], True
        root.handlers = [logging.handlers.SysLogHandler(address=('127.0.0.1', 9))]
        assert not request_log.install_plain_handler(make_conf())
        assert request_log.plain_handlers() == ()
    finally:
        for handler in root.handlers:
            if handler not in saved:
                handler.close()
        root.handlers = saved


def test_batched_flushes_write_the_lines_of_a_batch_together(tmp_path, access_logger):
    path = tmp_path / 'nova-api.log'
    handler = request_log.PlainLineHandler(logging.FileHandler(path), None)
    access_logger.handlers = [handler]
    scheduled = []
    request_log.flush_in_batches(scheduled.append)

    handler.write('first')
    handler.write('second')
    assert path.read_text() == ''  # still in the stream's buffer
    assert scheduled == [handler.flush]  # one flush for the batch

    scheduled.pop()()
    assert [LAYOUT.match(line).group(3) for line in path.read_text().splitlines()] == \
        ['first', 'second']
    handler.write('next batch')
    assert len(scheduled) == 1
    request_log.flush()  # a worker about to exit
    assert path.read_text().splitlines()[-1].endswith(' next batch')
    handler.target.close()


def test_a_forked_worker_writes_its_own_pid(access_logger):
    stream = io.StringIO()
    handler = plain_to(stream, access_logger)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the worker: write one line, hand it to the parent, leave at once
        try:
            handler.write('in the child', created=1700000000.0)
            os.write(write_end, stream.getvalue().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        line = pipe.read().strip()
    os.waitpid(child, 0)
    assert LAYOUT.match(line).groups() == ('000', str(child), 'in the child')
