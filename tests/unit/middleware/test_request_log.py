"""The access line: one per request, with what an operator needs to find it again."""

from __future__ import annotations

import logging


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
