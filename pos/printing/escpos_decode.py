"""ESC/POS bytes read back as text: what the printer will do, for tests and the preview.

`annotate` keeps every command as a bracketed marker (`[CUT PARTIAL]`,
`[BARCODE CODE128 "{BR1-000042"]`, `[DRAWER PIN2 100ms/100ms]`) and decodes text
through the code page the job selected, as the printer would: the golden tests
compare its output with reviewed files. `preview` keeps only what ends up on the
paper, laid out in the printer's columns, for the settings screen. Commands this
module does not know raise `ValueError`: a job we cannot read back is a job we
cannot vouch for.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pos.printing.profiles import PYTHON_CODECS, PrinterProfile

ESC, GS, DLE, LF = 0x1B, 0x1D, 0x10, 0x0A
ALIGNS = {0: "LEFT", 1: "CENTER", 2: "RIGHT", 48: "LEFT", 49: "CENTER", 50: "RIGHT"}
HRI = {0: "OFF", 1: "ABOVE", 2: "BELOW", 3: "BOTH", 48: "OFF", 49: "ABOVE", 50: "BELOW"}
CUTS = {0: "FULL", 48: "FULL", 1: "PARTIAL", 49: "PARTIAL", 65: "FULL", 66: "PARTIAL"}
BARCODES_B = {65: "UPC-A", 66: "UPC-E", 67: "EAN13", 68: "EAN8", 69: "CODE39", 70: "ITF",
              71: "CODABAR", 72: "CODE93", 73: "CODE128", 74: "GS1-128"}


@dataclass(frozen=True, slots=True)
class Event:
    """Either printed text (`text`, up to a line feed) or a command (`command`)."""

    text: str = ""
    command: str = ""
    line_feed: bool = False
    """Text: ends its line."""


@dataclass
class _State:
    codec: str = "cp437"
    align: str = "LEFT"
    width: int = 1
    line: str = ""


def annotate(payload: bytes, profile: PrinterProfile) -> str:
    """Every command and every line of text in `payload`, one text line per printed line."""
    out: list[str] = []
    for event in events(payload, profile):
        out.append(f"[{event.command}]" if event.command else event.text)
        if event.line_feed:
            out.append("\n")
    text = "".join(out)
    return text if text.endswith("\n") else text + "\n"


def preview(payload: bytes, profile: PrinterProfile) -> str:
    """The printed lines only, centred as the printer centres them; codes as placeholders."""
    state, lines = _State(), []
    for event in events(payload, profile):
        if event.command.startswith("ALIGN "):
            state.align = event.command.removeprefix("ALIGN ")
        elif event.command.startswith("SIZE "):
            state.width = int(event.command.removeprefix("SIZE ").split("x")[0])
        elif event.command.startswith(("BARCODE ", "QR STORE", "RASTER IMAGE", "CUT")):
            lines.append(_placeholder(event.command, profile.columns))
        elif event.text or event.line_feed:
            state.line += event.text
            if event.line_feed:
                lines.append(_placed(state, profile.columns))
                state.line = ""
    return "\n".join(lines) + "\n"


def _placed(state: _State, columns: int) -> str:
    if state.align == "LEFT":
        return state.line.rstrip()
    room = max(0, columns - len(state.line) * state.width)
    pad = room if state.align == "RIGHT" else room // 2
    return (" " * pad + state.line).rstrip()


def _placeholder(command: str, columns: int) -> str:
    label = {"BARCODE": "barcode", "QR": "QR code", "RASTER": "image", "CUT": "cut"}
    name = label[command.split()[0]]
    if name == "barcode":
        data = command.split('"')[1].removeprefix("{B")
        name = f"barcode {data}"
    return f" {name} ".center(columns, "=" if name == "cut" else "|")


def events(payload: bytes, profile: PrinterProfile) -> Iterator[Event]:
    """The commands and text of `payload`, in order."""
    reader = _Reader(payload)
    state = _State()
    text = bytearray()
    while not reader.done:
        byte = reader.byte()
        if byte in (ESC, GS, DLE):
            if text:
                yield Event(text=text.decode(state.codec))
                text.clear()
            yield Event(command=_command(byte, reader, state, profile))
        elif byte == LF:
            yield Event(text=text.decode(state.codec), line_feed=True)
            text.clear()
        elif byte < 0x20:
            raise ValueError(f"control byte 0x{byte:02x} at {reader.position - 1}")
        else:
            text.append(byte)
    if text:
        yield Event(text=text.decode(state.codec))


class _Reader:
    def __init__(self, payload: bytes) -> None:
        self.payload = payload
        self.position = 0

    @property
    def done(self) -> bool:
        return self.position >= len(self.payload)

    def byte(self) -> int:
        if self.done:
            raise ValueError("the job ends in the middle of a command")
        self.position += 1
        return self.payload[self.position - 1]

    def take(self, count: int) -> bytes:
        if self.position + count > len(self.payload):
            raise ValueError("the job ends in the middle of a command")
        self.position += count
        return self.payload[self.position - count : self.position]

    def until(self, end: int) -> bytes:
        index = self.payload.index(end, self.position)
        data = self.payload[self.position : index]
        self.position = index + 1
        return data

    def word(self) -> int:
        low, high = self.take(2)
        return low + 256 * high


def _command(prefix: int, reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    code = reader.byte()
    table = {ESC: _ESC, GS: _GS, DLE: _DLE}[prefix]
    handler = table.get(code)
    if handler is None:
        raise ValueError(f"unknown command 0x{prefix:02x} 0x{code:02x} at {reader.position - 2}")
    return handler(reader, state, profile)


Handler = Callable[[_Reader, _State, PrinterProfile], str]


def _code_page(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    number = reader.byte()
    name = profile.code_page_numbers.get(number, f"#{number}")
    state.codec = PYTHON_CODECS.get(name, "latin-1")
    return f"CODEPAGE {name}"


def _mode(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    mode = reader.byte()
    size = f"SIZE {2 if mode & 0x20 else 1}x{2 if mode & 0x10 else 1}"
    extras = [" BOLD" if mode & 0x08 else "", " FONT-B" if mode & 0x01 else ""]
    return size + "".join(extras)


def _size(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    size = reader.byte()
    return f"SIZE {(size >> 4) + 1}x{(size & 0x0F) + 1}"


def _drawer(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    pin, on, off = reader.take(3)
    return f"DRAWER PIN{5 if pin in (1, 49) else 2} {on * 2}ms/{off * 2}ms"


def _cut(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    mode = reader.byte()
    if mode in (65, 66):
        reader.byte()
    return f"CUT {CUTS[mode]}"


def _barcode(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    kind = reader.byte()
    if kind in BARCODES_B:
        data = reader.take(reader.byte())
        return f'BARCODE {BARCODES_B[kind]} "{data.decode("ascii")}"'
    return f'BARCODE TYPE-{kind} "{reader.until(0).decode("ascii")}"'


def _raster(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    if reader.byte() != ord("0"):
        raise ValueError("only GS v 0 raster images are known")
    reader.byte()
    width_bytes, height = reader.word(), reader.word()
    reader.take(width_bytes * height)
    return f"RASTER IMAGE {width_bytes * 8}x{height}"


def _two_d(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    if reader.byte() != ord("k"):
        raise ValueError("only GS ( k (2D codes) is known among GS ( commands")
    body = reader.take(reader.word())
    function = body[1]
    if function == 80:
        return f'QR STORE "{body[3:].decode("utf-8")}"'
    if function == 81:
        return "QR PRINT"
    if function == 67:
        return f"QR SIZE {body[2]}"
    if function == 69:
        return f"QR ECC {'LMQH'[body[2] - 48]}"
    return f"QR MODEL {body[2] - 48}"


def _byte_arg(name: str, describe: Callable[[int], str] = str) -> Handler:
    def handler(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
        return f"{name} {describe(reader.byte())}".rstrip()

    return handler


def _init(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    state.codec = "cp437"
    return "INIT"


def _status(reader: _Reader, state: _State, profile: PrinterProfile) -> str:
    return f"STATUS {reader.byte()}"


_ESC: dict[int, Handler] = {
    ord("@"): _init,
    ord("t"): _code_page,
    ord("a"): _byte_arg("ALIGN", lambda n: ALIGNS[n]),
    ord("E"): _byte_arg("BOLD", lambda n: "ON" if n & 1 else "OFF"),
    ord("-"): _byte_arg("UNDERLINE"),
    ord("!"): _mode,
    ord("M"): _byte_arg("FONT", lambda n: "B" if n in (1, 49) else "A"),
    ord("d"): _byte_arg("FEED"),
    ord("p"): _drawer,
}
_GS: dict[int, Handler] = {
    ord("!"): _size,
    ord("V"): _cut,
    ord("h"): _byte_arg("BARCODE-HEIGHT"),
    ord("w"): _byte_arg("BARCODE-WIDTH"),
    ord("f"): _byte_arg("HRI-FONT", lambda n: "B" if n in (1, 49) else "A"),
    ord("H"): _byte_arg("HRI", lambda n: HRI[n]),
    ord("k"): _barcode,
    ord("v"): _raster,
    ord("("): _two_d,
}
_DLE: dict[int, Handler] = {0x04: _status}
