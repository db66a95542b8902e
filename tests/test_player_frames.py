"""The player's frames as the browser reads them: the template's own decoder, run in Node.

app/player.py sends coordinates as base64 uint16 (encode_frames); player.html turns them back
into numbers with its `frames` function. Here that very function (cut from the template) decodes
a real payload and must give what player.decode_frames gives, within the 16-bit quantum.
"""
import json
import re
import shutil
import subprocess

import numpy as np
import pytest

import w2v
from app import player

NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="needs Node.js")
def test_the_template_decodes_the_frames_python_encoded(small_run):
    projection = w2v.project(small_run)
    payload = player.player_payload(small_run, projection, {})
    html = player.player_html(payload)
    decoder = re.search(r"\n(  function frames\(e, n, R\) \{.*?\n  \})\n", html, re.S)
    assert decoder, "player.html decodes the frames in a function frames(e, n, R)"
    script = (f"const atob = s => Buffer.from(s, 'base64').toString('latin1');\n"
              f"{decoder.group(1)}\nconst D = {player.safe_json(payload)};\n"
              "const xy = frames(D.xy, 2 * D.words.length, D.steps.length);\n"
              "console.log(JSON.stringify(xy.map(f => Array.from(f))));")
    out = subprocess.run([NODE, "-e", script], capture_output=True, text=True, check=True).stdout
    in_browser = np.array(json.loads(out))
    np.testing.assert_array_equal(in_browser, player.decode_frames(payload))
    quantum = max(np.ptp(payload["domain"]["x"]), np.ptp(payload["domain"]["y"])) / 65535
    np.testing.assert_allclose(in_browser.reshape(len(in_browser), -1, 2), projection.coords,
                               atol=quantum)
