import pytest

from signatories.imports import services
from signatories.models import SignatureImport


@pytest.fixture
def read(letter):
    """An import of `data` read into `letter`, awaiting confirmation."""

    def read(data, mode=SignatureImport.Mode.HISTORICAL, file_name="list.csv"):
        return services.signature_import_read(
            letter=letter, file_name=file_name, data=data, mode=mode, run_by="tester"
        )

    return read
