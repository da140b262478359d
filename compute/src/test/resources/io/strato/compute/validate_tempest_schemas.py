"""Validates recorded compute API responses against Tempest's response schemas.

Usage: python3 validate_tempest_schemas.py SAMPLES.json
Each sample is {"label", "module" (e.g. "v2_61.flavors"), "schema" (e.g. "list_flavors_details"),
"status", "body" (parsed JSON or null)}. Uses tempest's own RestClient.validate_response, so the
status code and the body are checked exactly as a Tempest run checks them. Exit status 1 on any failure.
"""
import importlib
import json
import sys

from tempest.lib.common import rest_client


class Response(dict):
    def __init__(self, status):
        super().__init__()
        self.status = status


def main(path):
    with open(path) as f:
        samples = json.load(f)
    failures = 0
    for sample in samples:
        module = importlib.import_module(
            'tempest.lib.api_schema.response.compute.' + sample['module'])
        schema = getattr(module, sample['schema'])
        try:
            rest_client.RestClient.validate_response(
                schema, Response(sample['status']), sample['body'])
            print('ok   %s (%s.%s)' % (sample['label'], sample['module'], sample['schema']))
        except Exception as e:  # noqa
            failures += 1
            print('FAIL %s (%s.%s): %s' % (sample['label'], sample['module'], sample['schema'], e))
    print('%d samples, %d failures' % (len(samples), failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
