"""A server's console log, as a guest would write it: made from its record, never stored.

The log is what a cloud image prints on its serial console while it boots
(the kernel, cloud-init with the server's hostname, addresses and SSH host
keys, the login prompt) and, for a server that was stopped, as it powers
off. Everything in it is derived from the server's record and its uuid, so
the same server always shows the same log, and tools that read consoles
(cloud-init's host key fingerprints, a login prompt) find what they look for.

:func:`tail` is Nova's ``_tail_log``, quirks included.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import random
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

#: Kernel and login banners per ``os_distro`` of the server's image: (kernel, login user, banner).
_DISTROS: Mapping[str, tuple[str, str, str]] = {
    'cirros': ('6.5.0-28-generic (buildd@lcy02-amd64-098) (x86_64-linux-gnu-gcc-12 (Ubuntu '
               '12.3.0-1ubuntu1~22.04) 12.3.0) #29~22.04.1-Ubuntu SMP PREEMPT_DYNAMIC',
               'cirros', "login as 'cirros' user. default password: 'gocubsgo'. use 'sudo' for root."),
    'ubuntu': ('6.8.0-45-generic (buildd@lcy02-amd64-115) (x86_64-linux-gnu-gcc-13 (Ubuntu '
               '13.2.0-23ubuntu4) 13.2.0) #45-Ubuntu SMP PREEMPT_DYNAMIC',
               'ubuntu', 'Ubuntu 24.04.1 LTS %(hostname)s ttyS0'),
    'debian': ('6.1.0-26-cloud-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian '
               '12.2.0-14) 12.2.0) #1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1',
               'debian', 'Debian GNU/Linux 12 %(hostname)s ttyS0'),
}
_DEFAULT_DISTRO = 'ubuntu'
_CLOUD_INIT = '24.1.3'


def _fingerprint(seed: str, kind: str) -> str:
    digest = hashlib.sha256(('%s:%s' % (seed, kind)).encode()).digest()
    return 'SHA256:' + base64.b64encode(digest).decode().rstrip('=')


def _mask(prefix: int) -> str:
    bits = (0xffffffff << (32 - prefix)) & 0xffffffff
    return '.'.join(str((bits >> shift) & 0xff) for shift in (24, 16, 8, 0))


def boot_log(server: Any, prefix_length: int = 24) -> str:
    """The console log of ``server`` (a :class:`~nova_api.objects.servers.Server`).

    ``prefix_length`` is the length of its network's prefix (the netmask
    cloud-init shows for its IPv4 addresses).
    """
    rng = random.Random(server.uuid)
    distro = str(server.image_properties.get('os_distro', _DEFAULT_DISTRO)).lower()
    kernel, user, banner = _DISTROS.get(distro, _DISTROS[_DEFAULT_DISTRO])
    hostname = server.hostname or 'localhost'
    booted = server.launched_at or server.created_at
    memory_kb = int(server.flavor.get('memory_mb') or 512) * 1024
    vcpus = int(server.flavor.get('vcpus') or 1)
    clock = [0.0]

    def kernel_line(text: str, step: float = 0.0) -> str:
        clock[0] += step * (0.5 + rng.random())
        return '[%12.6f] %s' % (clock[0], text)

    def at(seconds: float) -> str:
        moment = booted + datetime.timedelta(seconds=seconds)
        return moment.strftime('%a, %d %b %Y %H:%M:%S +0000')

    lines = [
        kernel_line('Linux version %s' % kernel),
        kernel_line('Command line: BOOT_IMAGE=/vmlinuz root=LABEL=cloudimg-rootfs ro '
                    'console=tty1 console=ttyS0'),
        kernel_line('DMI: OpenStack Foundation OpenStack Nova, BIOS 1.16.3-debian-1.16.3-2 '
                    '04/01/2014'),
        kernel_line('Hypervisor detected: KVM'),
        kernel_line('Memory: %dK/%dK available' % (memory_kb - memory_kb // 12, memory_kb), 0.002),
        kernel_line('smpboot: Allowing %d CPUs, 0 hotplug CPUs' % vcpus, 0.01),
        kernel_line('smp: Brought up 1 node, %d CPU%s' % (vcpus, 's' if vcpus > 1 else ''), 0.05),
        kernel_line('virtio_blk virtio1: [vda] %d 512-byte logical blocks' % (
            int(server.flavor.get('root_gb') or 1) * 2097152), 0.4),
        kernel_line('virtio_net virtio0 ens3: renamed from eth0', 0.1),
        kernel_line('EXT4-fs (vda1): mounted filesystem with ordered data mode. Quota mode: '
                    'none.', 0.6),
        kernel_line('random: crng init done', 0.3),
    ]
    up = clock[0] + 2.0 + rng.random() * 2
    lines.append("cloud-init[%d]: Cloud-init v. %s running 'init' at %s. Up %.2f seconds." % (
        500 + rng.randrange(300), _CLOUD_INIT, at(up), up))
    lines.extend(_net_info(server.addresses, prefix_length))
    if server.key_data:
        key_type = server.key_data.split(' ', 1)[0]
        lines.append('ci-info: Authorized keys from /home/%s/.ssh/authorized_keys for user %s'
                     % (user, user))
        lines.append('ci-info: | %s | %s | %s |' % (
            key_type, _fingerprint(server.key_data, 'authorized'), server.key_name or '-'))
    else:
        lines.append('ci-info: no authorized SSH keys fingerprints found for user %s.' % user)
    lines.append('Generating public/private ed25519 key pair.')
    lines.append('-----BEGIN SSH HOST KEY FINGERPRINTS-----')
    for bits, kind in ((256, 'ECDSA'), (256, 'ED25519'), (3072, 'RSA')):
        lines.append('%d %s root@%s (%s)' % (bits, _fingerprint(server.uuid, kind), hostname, kind))
    lines.append('-----END SSH HOST KEY FINGERPRINTS-----')
    done = up + 4.0 + rng.random() * 6
    lines.append('cloud-init[%d]: Cloud-init v. %s finished at %s. Datasource '
                 'DataSourceOpenStackLocal [net,ver=2].  Up %.2f seconds' % (
                     1200 + rng.randrange(400), _CLOUD_INIT, at(done), done))
    lines.append('')
    lines.append(banner % {'hostname': hostname})
    lines.append('')
    if _stopped(server):
        lines.extend(_power_down(server, booted, done))
    else:
        lines.append('%s login: ' % hostname)
    return '\n'.join(lines)


def _net_info(addresses: Sequence[Any], prefix_length: int) -> list[str]:
    """cloud-init's ``Net device info`` table of the server's addresses."""
    rows = [('lo', 'True', '127.0.0.1', '255.0.0.0', 'host', '.')]
    for index, address in enumerate(addresses):
        mask = _mask(prefix_length) if address.version == 4 else '.'
        rows.append(('ens%d' % (3 + index), 'True', address.address, mask, 'global',
                     address.mac_address))
    header = ('Device', 'Up', 'Address', 'Mask', 'Scope', 'Hw-Address')
    widths = [max(len(row[column]) for row in (header, *rows)) for column in range(len(header))]
    rule = 'ci-info: +' + '+'.join('-' * (width + 2) for width in widths) + '+'

    def row(values: Sequence[str]) -> str:
        return 'ci-info: |' + '|'.join(' %s ' % value.center(width)
                                       for value, width in zip(values, widths, strict=True)) + '|'
    title = 'Net device info'
    width = len(rule) - len('ci-info: ')
    return ['ci-info: ' + title.center(width, '+'), rule, row(header), rule,
            *(row(values) for values in rows), rule]


def _stopped(server: Any) -> bool:
    # power_state 4 is SHUTDOWN: the guest was powered off after it booted.
    return server.power_state == 4 and server.launched_at is not None


def _power_down(server: Any, booted: datetime.datetime, done: float) -> list[str]:
    stopped_at = server.updated_at or booted
    uptime = max(done + 1.0, (stopped_at - booted).total_seconds())
    return [
        '[  OK  ] Stopped target cloud-init.target - Cloud-init target.',
        '[  OK  ] Stopped systemd-networkd.service - Network Configuration.',
        '[  OK  ] Reached target shutdown.target - System Shutdown.',
        '[%12.6f] reboot: Power down' % uptime,
    ]


def tail(log: str, length: int | str | None) -> str:
    """The last ``length`` lines, as Nova's compute manager cuts them.

    None is the whole log; 0 (or something not a number) is nothing; a
    negative number is Python's slice of it: -1 drops the first line (Nova
    means to read -1 as "all" one day, but does not).
    """
    if length is None:
        return log
    try:
        count = int(length)
    except ValueError:
        count = 0
    if count == 0:
        return ''
    return '\n'.join(log.split('\n')[-count:])
