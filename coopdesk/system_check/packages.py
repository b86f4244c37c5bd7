"""Which distribution package holds a system library that Qt's display plugins load.

The libraries are those of Qt 6's ``xcb`` (X11) and ``wayland`` platform plugins and of the Qt libraries
behind them; the names are the packages' names on Debian and Ubuntu (``apt``) and on Fedora (``dnf``).
A library missing from this table is named as it is, with the commands that find its package.
"""

from __future__ import annotations

import re

#: library name without its version ("libxcb-icccm") -> (Debian and Ubuntu package, Fedora package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb": ("libxcb1", "libxcb"),
    "libxcb-cursor": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util": ("libxcb-util1", "xcb-util"),
    "libxcb-randr": ("libxcb-randr0", "libxcb"),
    "libxcb-render": ("libxcb-render0", "libxcb"),
    "libxcb-shape": ("libxcb-shape0", "libxcb"),
    "libxcb-shm": ("libxcb-shm0", "libxcb"),
    "libxcb-sync": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb": ("libxcb-xkb1", "libxcb"),
    "libxcb-xinput": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx": ("libxcb-glx0", "libxcb"),
    "libX11": ("libx11-6", "libX11"),
    "libX11-xcb": ("libx11-xcb1", "libX11-xcb"),
    "libXau": ("libxau6", "libXau"),
    "libXdmcp": ("libxdmcp6", "libXdmcp"),
    "libxkbcommon": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libSM": ("libsm6", "libSM"),
    "libICE": ("libice6", "libICE"),
    "libGL": ("libgl1", "libglvnd-glx"),
    "libEGL": ("libegl1", "libglvnd-egl"),
    "libOpenGL": ("libopengl0", "libglvnd-opengl"),
    "libGLX": ("libglx0", "libglvnd-glx"),
    "libfontconfig": ("libfontconfig1", "fontconfig"),
    "libfreetype": ("libfreetype6", "freetype"),
    "libglib-2.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0": ("libglib2.0-0", "glib2"),
    "libdbus-1": ("libdbus-1-3", "dbus-libs"),
    "libwayland-client": ("libwayland-client0", "libwayland-client"),
    "libwayland-cursor": ("libwayland-cursor0", "libwayland-cursor"),
    "libwayland-egl": ("libwayland-egl1", "libwayland-egl"),
}

_VERSIONED = re.compile(r"^(?P<stem>.+?)\.so(?:\.[0-9.]+)?$")


def stem(library: str) -> str:
    """``libxcb-icccm.so.4`` -> ``libxcb-icccm``."""
    match = _VERSIONED.match(library)
    return match.group("stem") if match else library


def packages_for(libraries: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(Debian/Ubuntu packages, Fedora packages, libraries whose package is not known), each once and in
    the order of ``libraries``."""
    debian: list[str] = []
    fedora: list[str] = []
    unknown: list[str] = []
    for library in libraries:
        names = PACKAGES.get(stem(library))
        if names is None:
            unknown.append(library)
            continue
        if names[0] not in debian:
            debian.append(names[0])
        if names[1] not in fedora:
            fedora.append(names[1])
    return debian, fedora, unknown
