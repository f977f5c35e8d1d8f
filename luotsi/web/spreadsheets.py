"""What every CSV/XLSX export shares: cells a spreadsheet must not run."""


def safe_cell(value: str) -> str:
    """Never let a spreadsheet read a cell as a formula (CSV/formula injection): text that
    starts like one is prefixed with an apostrophe, which spreadsheets show as plain text."""
    if value and value[0] in "=+-@\t\r":
        return "'" + value
    return value
