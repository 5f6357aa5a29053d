"""Refresh the embedded Redshift service model from the installed botocore.

The engine's input validation, error table and XML member names are driven by
`src/model/service-2.json`: botocore's `redshift` model with the documentation
stripped. Run this after upgrading botocore, then run the tests; the model test
(`tests/doors/test_model.py`) fails while the two differ.

    python scripts/update_model.py
"""

import json
import pathlib

import botocore.loaders

from redshift_fake._model import undocumented

TARGET = pathlib.Path(__file__).resolve().parent.parent / "src" / "model" / "service-2.json"


def main():
    loader = botocore.loaders.create_loader()
    model = loader.load_service_model("redshift", "service-2", "2012-12-01")
    text = json.dumps(undocumented(model), indent=1)
    TARGET.write_text(text + "\n")
    print(f"wrote {TARGET} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
