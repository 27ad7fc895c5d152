"""Sample answers of the statistics APIs for the statistics import tests.

The real recordings are in ../shared/data/stats-api-samples (see its PROVENANCE.md)
and are read through the ``shared_data`` fixture. Statistics Denmark has no recorded
answer there, so `DST_FOLK1A` below is BUILT FROM THE DOCUMENTATION of the Statbank
API (https://api.statbank.dk/v1/, ``data`` with ``format=JSONSTAT``: JSON-stat 1.0
with the dataset under ``"dataset"`` and the dimension order in ``dimension.id``):
it is not a recording and its figures are made up.
"""

import copy
import json

SAMPLES = "stats-api-samples"
TAB638 = f"{SAMPLES}/scb-pxwebapi-v2/recorded/TAB638_data_POST_response.json"
BEFOLKNING_V1 = f"{SAMPLES}/scb-pxwebapi-v1/recorded/BefolkningNy_civilstand_2015-2017_POST_response.json"
DEATHS_JSONSTAT1 = f"{SAMPLES}/jsonstat-v1/scb_statswe_jsonstat_v1.json"

# Built from the Statbank API documentation; NOT a real response, made-up figures.
DST_FOLK1A = {
    "dataset": {
        "label": "Population at the first day of the quarter by region, sex and time",
        "source": "Statistics Denmark",
        "updated": "2025-05-11T06:00:00Z",
        "dimension": {
            "OMRÅDE": {
                "label": "region",
                "category": {
                    "index": {"000": 0, "085": 1, "265": 2},
                    "label": {
                        "000": "All Denmark",
                        "085": "Region Zealand",
                        "265": "Roskilde",
                    },
                },
            },
            "KØN": {
                "label": "sex",
                "category": {
                    "index": {"TOT": 0, "1": 1, "2": 2},
                    "label": {"TOT": "Total", "1": "Men", "2": "Women"},
                },
            },
            "Tid": {
                "label": "time",
                "category": {
                    "index": {"2025K1": 0, "2025K2": 1},
                    "label": {"2025K1": "2025Q1", "2025K2": "2025Q2"},
                },
            },
            "ContentsCode": {
                "label": "Indhold",
                "category": {
                    "index": {"FOLK1A": 0},
                    "label": {"FOLK1A": "Population at the first day of the quarter"},
                    "unit": {"FOLK1A": {"base": "number", "decimals": 0}},
                },
            },
            "id": ["OMRÅDE", "KØN", "Tid", "ContentsCode"],
            "size": [3, 3, 2, 1],
            "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        },
        # OMRÅDE × KØN × Tid, the last varying fastest; None: not available.
        "value": [
            6001008,
            6003519,  # 000 TOT
            2988310,
            2990411,  # 000 men
            3012698,
            3013108,  # 000 women
            851214,
            851970,  # 085 TOT
            425012,
            425398,  # 085 men
            426202,
            426572,  # 085 women
            90510,
            None,  # 265 TOT (2025K2 not available)
            44350,
            44371,  # 265 men
            46160,
            46200,  # 265 women
        ],
    }
}


def dst_document():
    return copy.deepcopy(DST_FOLK1A)


def dst_bytes():
    return json.dumps(DST_FOLK1A, ensure_ascii=False).encode("utf-8")


def read(shared_data, name):
    return (shared_data / name).read_bytes()


def read_json(shared_data, name):
    return json.loads(read(shared_data, name))


class FakeResponse:
    def __init__(self, body):
        self.body = body

    def read(self, size=-1):
        return self.body if size < 0 else self.body[:size]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeInternet:
    """Stands in for `urllib.request.urlopen`: answers with recorded bytes (or raises
    what it is given) and keeps the requests it was sent."""

    def __init__(self, answer=b"", error=None, on_request=None):
        self.answer = answer
        self.error = error
        self.on_request = on_request
        self.requests = []

    def __call__(self, request, timeout=None):
        self.requests.append((request, timeout))
        if self.on_request is not None:
            self.on_request(request)
        if self.error is not None:
            raise self.error
        return FakeResponse(self.answer)

    @property
    def last(self):
        return self.requests[-1][0]

    @property
    def last_json(self):
        return json.loads(self.last.data.decode("utf-8"))
