"""A 1 GiB image through the real daemon: uploaded and downloaded in chunks, the worker's memory
flat (its resident set grows by far less than the image; a memory bound, not a timing one)."""

from __future__ import annotations

import hashlib

import requests

GIB = 1024 ** 3
PIECE = 1024 * 1024
#: Growth of the worker's resident set that still counts as flat: a few buffers, the allocator.
RSS_BOUND = 64 * 1024 * 1024


def rss(pid: int) -> int:
    for line in open('/proc/%d/status' % pid):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) * 1024
    raise AssertionError('no VmRSS for %d' % pid)


def pieces(count: int):
    block = bytes(range(256)) * (PIECE // 256)
    for index in range(count):
        yield block[index % 256:] + block[:index % 256]


def test_a_gibibyte_up_and_down_with_the_workers_memory_flat(daemon_factory):
    daemon = daemon_factory(workers=1, options={'image': {'max_image_size': 2 * GIB}})
    headers = {'X-Auth-Token': 'alice:a11ce', 'Accept': 'application/json'}
    url = daemon.url + '/image/v2/images'
    image = requests.post(url, json={'name': 'big', 'disk_format': 'raw',
                                     'container_format': 'bare'}, headers=headers, timeout=30).json()
    (worker,) = daemon.worker_pids()
    before = rss(worker)

    expected = hashlib.md5(usedforsecurity=False)
    for piece in pieces(GIB // PIECE):
        expected.update(piece)
    upload = requests.put('%s/%s/file' % (url, image['id']), data=pieces(GIB // PIECE),
                          headers={**headers, 'Content-Type': 'application/octet-stream'},
                          timeout=600)
    assert upload.status_code == 204, upload.text
    after_upload = rss(worker)

    got = hashlib.md5(usedforsecurity=False)
    size = 0
    with requests.get('%s/%s/file' % (url, image['id']), headers=headers, stream=True,
                      timeout=600) as download:
        assert download.status_code == 200
        assert download.headers['Content-Length'] == str(GIB)
        for chunk in download.iter_content(PIECE):
            got.update(chunk)
            size += len(chunk)
    after_download = rss(worker)

    assert (size, got.hexdigest()) == (GIB, expected.hexdigest())
    assert download.headers['Content-MD5'] == expected.hexdigest()
    assert after_upload - before < RSS_BOUND, (before, after_upload)
    assert after_download - before < RSS_BOUND, (before, after_download)
