"""Abstract scenes drawn with Pillow: skylines, hills, sea, fields, shelves, stage lights.

Each function takes a size and a seeded random generator and returns an RGB image;
the same seed always draws the same picture.
"""

import math

from PIL import Image, ImageDraw, ImageFilter

RGB = tuple[int, int, int]


def _sky(size, top: RGB, bottom: RGB) -> Image.Image:
    """A vertical gradient from `top` to `bottom`."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _sun(img, centre, radius, colour: RGB):
    """A disc with a soft halo; the halo is blurred small and scaled up, which is fast."""
    w, h = img.size
    small = Image.new("L", (w // 8, h // 8), 0)
    x, y, r = centre[0] / 8, centre[1] / 8, radius * 2.2 / 8
    ImageDraw.Draw(small).ellipse((x - r, y - r, x + r, y + r), fill=110)
    halo = small.filter(ImageFilter.GaussianBlur(r / 2)).resize(img.size)
    img.paste(Image.new("RGB", img.size, colour), (0, 0), halo)
    x, y = centre
    ImageDraw.Draw(img).ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)


def _ridge(draw, w, h, base, amplitude, colour, rng, waves=3):
    """A band of hills: a sum of sines along the width, filled to the bottom."""
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = [(0, h)]
    for x in range(0, w + 20, 20):
        y = base + sum(
            amplitude / (i + 1) * math.sin(x / w * math.tau * (i + 1) + p)
            for i, p in enumerate(phases)
        )
        points.append((x, y))
    points.append((w, h))
    draw.polygon(points, fill=colour)


def _skyline(draw, w, h, ground, colour, rng, windows: RGB | None = None):
    x = -rng.randint(0, 40)
    while x < w:
        bw, bh = rng.randint(50, 140), rng.randint(h // 10, h // 3)
        draw.rectangle((x, ground - bh, x + bw, h), fill=colour)
        if rng.random() < 0.18:  # a dome
            draw.ellipse((x + 5, ground - bh - bw // 2, x + bw - 5, ground - bh + bw // 2), colour)
        elif rng.random() < 0.1:  # a minaret
            mx = x + bw // 2
            draw.rectangle((mx - 7, ground - bh - 160, mx + 7, ground - bh), fill=colour)
            draw.ellipse((mx - 14, ground - bh - 175, mx + 14, ground - bh - 150), fill=colour)
        if windows:
            for wy in range(ground - bh + 14, h - 10, 26):
                for wx in range(x + 10, x + bw - 12, 22):
                    if rng.random() < 0.35:
                        draw.rectangle((wx, wy, wx + 8, wy + 12), fill=windows)
        x += bw + rng.randint(0, 20)


def draw_skyline(size, rng):
    w, h = size
    img = _sky(size, (247, 167, 94), (252, 222, 170))
    _sun(img, (int(w * 0.7), int(h * 0.45)), h // 9, (255, 240, 205))
    draw = ImageDraw.Draw(img)
    _ridge(draw, w, h, h * 0.62, h * 0.05, (196, 120, 92), rng)
    _skyline(draw, w, h, int(h * 0.82), (92, 52, 60), rng)
    return img


def draw_night(size, rng):
    w, h = size
    img = _sky(size, (14, 22, 54), (58, 52, 104))
    _sun(img, (int(w * 0.22), int(h * 0.2)), h // 16, (244, 240, 222))
    draw = ImageDraw.Draw(img)
    for _ in range(140):
        sx, sy = rng.randint(0, w), rng.randint(0, h // 2)
        draw.point((sx, sy), fill=(230, 230, 250))
    _skyline(draw, w, h, int(h * 0.78), (20, 20, 36), rng, windows=(250, 204, 110))
    return img


def draw_dunes(size, rng):
    w, h = size
    img = _sky(size, (120, 180, 222), (236, 226, 206))
    _sun(img, (int(w * 0.25), int(h * 0.22)), h // 12, (255, 250, 226))
    draw = ImageDraw.Draw(img)
    for i, colour in enumerate([(226, 176, 118), (212, 150, 96), (190, 122, 74), (160, 96, 58)]):
        _ridge(draw, w, h, h * (0.5 + i * 0.12), h * 0.06, colour, rng, waves=2)
    return img


def draw_hills(size, rng):
    w, h = size
    img = _sky(size, (160, 200, 226), (244, 236, 214))
    draw = ImageDraw.Draw(img)
    for i, colour in enumerate([(150, 168, 150), (116, 144, 104), (92, 120, 74), (70, 96, 56)]):
        _ridge(draw, w, h, h * (0.42 + i * 0.13), h * 0.07, colour, rng)
    for _ in range(60):  # olive trees on the nearest slope
        tx, ty, r = rng.randint(0, w), rng.randint(int(h * 0.8), h), rng.randint(10, 22)
        draw.ellipse((tx - r, ty - r, tx + r, ty + r // 2), fill=(48, 70, 40))
    return img


def draw_sea(size, rng):
    w, h = size
    horizon = int(h * 0.55)
    img = _sky(size, (250, 150, 112), (252, 214, 160))
    _sun(img, (w // 2, horizon - h // 14), h // 10, (255, 236, 190))
    sea = _sky((w, h - horizon), (70, 96, 138), (28, 44, 78))
    img.paste(sea, (0, horizon))
    draw = ImageDraw.Draw(img)
    for y in range(horizon + 6, h, 14):  # the sun's reflection, narrowing towards us
        half = (w // 9) * (1 - (y - horizon) / (h - horizon)) + rng.randint(0, 30)
        draw.line((w // 2 - half, y, w // 2 + half, y), fill=(252, 208, 150), width=3)
    return img


def draw_harbour(size, rng):
    img = draw_sea(size, rng)
    w, h = size
    draw = ImageDraw.Draw(img)
    quay, dark = int(h * 0.55), (40, 36, 48)
    draw.rectangle((0, quay - 10, int(w * 0.52), quay + 8), fill=dark)
    for cx in (int(w * 0.06), int(w * 0.22), int(w * 0.38)):  # gantry cranes, booms seaward
        top = quay - rng.randint(240, 300)
        draw.polygon([(cx, quay), (cx + 14, quay), (cx + 44, top), (cx + 30, top)], fill=dark)
        draw.polygon([(cx + 90, quay), (cx + 104, quay), (cx + 74, top), (cx + 60, top)], dark)
        draw.rectangle((cx - 40, top - 12, cx + 240, top + 4), fill=dark)
        draw.rectangle((cx + 150, top + 4, cx + 170, top + 40), fill=dark)
    palette = [(176, 64, 52), (52, 96, 128), (214, 160, 70), (80, 120, 90)]
    for x in range(0, int(w * 0.5), 56):  # stacked containers
        for level in range(rng.randint(1, 3)):
            y = quay - 10 - (level + 1) * 24
            draw.rectangle((x, y, x + 52, y + 22), fill=rng.choice(palette))
    return img


def draw_fields(size, rng):
    w, h = size
    img = _sky(size, (150, 196, 230), (236, 232, 210))
    draw = ImageDraw.Draw(img)
    horizon = int(h * 0.4)
    draw.rectangle((0, horizon, w, h), fill=(176, 160, 104))
    for i in range(-12, 13):  # rows converging on a point on the horizon
        draw.line((w / 2, horizon, w / 2 + i * w / 7, h), fill=(150, 132, 84), width=6)
    for row in range(1, 9):
        y = horizon + (h - horizon) * (row / 9) ** 1.6
        r = 6 + row * 5
        for x in range(int(r), w, int(r * 3.2)):
            draw.ellipse((x - r, y - r, x + r, y + r * 0.6), fill=(72, 98, 54))
    return img


def draw_chart(size, rng):
    w, h = size
    img = _sky(size, (18, 30, 46), (30, 48, 70))
    draw = ImageDraw.Draw(img)
    for x in range(0, w, 80):
        draw.line((x, 0, x, h), fill=(44, 64, 88), width=1)
    for y in range(0, h, 80):
        draw.line((0, y, w, y), fill=(44, 64, 88), width=1)
    value, points = h * 0.7, []
    for x in range(0, w + 40, 40):
        value = min(h * 0.9, max(h * 0.15, value + rng.uniform(-38, 30)))
        points.append((x, value))
        bar = rng.randint(20, 120)
        draw.rectangle((x + 8, h - bar, x + 30, h), fill=(56, 92, 120))
    draw.line(points, fill=(96, 222, 160), width=6, joint="curve")
    return img


def draw_solar(size, rng):
    w, h = size
    img = draw_dunes(size, rng)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, int(h * 0.56), w, h), fill=(214, 178, 130))
    for row in range(6):
        y = h * 0.55 + row * row * 14 + row * 30
        depth, panel = 20 + row * 10, 60 + row * 30
        for x in range(-panel, w + panel, panel + 10 + row * 4):
            draw.polygon(
                [(x, y), (x + panel, y), (x + panel - 16, y + depth), (x - 16, y + depth)],
                fill=(34, 58, 112),
                outline=(150, 180, 220),
            )
    return img


def draw_pitch(size, rng):
    w, h = size
    img = Image.new("RGB", size, (46, 122, 64))
    draw = ImageDraw.Draw(img)
    for i in range(0, w, 120):
        draw.rectangle((i, 0, i + 60, h), fill=(52, 134, 70))
    white = (236, 240, 236)
    draw.rectangle((60, 60, w - 60, h - 60), outline=white, width=6)
    draw.line((w // 2, 60, w // 2, h - 60), fill=white, width=6)
    draw.ellipse((w // 2 - 150, h // 2 - 150, w // 2 + 150, h // 2 + 150), outline=white, width=6)
    draw.rectangle((60, h // 2 - 200, 300, h // 2 + 200), outline=white, width=6)
    draw.rectangle((w - 300, h // 2 - 200, w - 60, h // 2 + 200), outline=white, width=6)
    glow = Image.new("RGB", size, (255, 250, 220))
    mask = Image.linear_gradient("L").rotate(180).resize(size).point(lambda v: v // 4)
    return Image.composite(glow, img, mask)


def draw_shelves(size, rng):
    w, h = size
    img = Image.new("RGB", size, (92, 62, 44))
    draw = ImageDraw.Draw(img)
    palette = [(178, 58, 52), (230, 180, 82), (52, 96, 128), (80, 130, 90), (222, 214, 196)]
    for top in range(40, h, 240):
        x = 30
        while x < w - 40:
            bw, bh = rng.randint(24, 56), rng.randint(150, 210)
            draw.rectangle((x, top + 210 - bh, x + bw, top + 210), fill=rng.choice(palette))
            x += bw + 3
        draw.rectangle((0, top + 210, w, top + 230), fill=(60, 38, 26))
    return img


def draw_stage(size, rng):
    w, h = size
    img = _sky(size, (12, 10, 24), (40, 18, 44))
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for i, colour in enumerate([(255, 190, 90), (120, 180, 255), (255, 110, 160)]):
        x = w * (0.25 + i * 0.25)
        draw.polygon(
            [(x - 20, 0), (x + 20, 0), (x + 260, h * 0.8), (x - 260, h * 0.8)], (*colour, 70)
        )
    img.paste(layer.filter(ImageFilter.GaussianBlur(12)), (0, 0), layer)
    draw = ImageDraw.Draw(img)
    for x in range(-20, w, 46):  # the audience's heads and shoulders
        y = h - rng.randint(60, 110)
        draw.ellipse((x, y, x + 40, y + 44), fill=(6, 6, 12))
        draw.rectangle((x - 8, y + 36, x + 48, h), fill=(6, 6, 12))
    return img
