"""ojcli: prepare the Öppna jämförelser survey of ekonomiskt bistånd from the command line."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ojcli")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
