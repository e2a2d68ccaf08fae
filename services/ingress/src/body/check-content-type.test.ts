import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIngressError } from '../errors/ingress-error.ts';
import { checkContentType } from './check-content-type.ts';

const accepted = new Set(['application/json', 'application/x-www-form-urlencoded']);

describe('checkContentType', () => {
  const acceptedCases = [
    { header: 'application/json', essence: 'application/json' },
    { header: 'Application/JSON; Charset=UTF-8', essence: 'application/json' },
    { header: 'application/json;charset="utf-8"', essence: 'application/json' },
    { header: 'application/json; charset=utf8', essence: 'application/json' },
    { header: 'application/x-www-form-urlencoded', essence: 'application/x-www-form-urlencoded' },
    { header: 'application/json; boundary=ignored', essence: 'application/json' },
  ];
  for (const { header, essence } of acceptedCases) {
    it(`accepts ${JSON.stringify(header)} as ${essence}`, () => {
      assert.equal(checkContentType(header, accepted), essence);
    });
  }

  const refusedCases = [
    { header: undefined, code: 'missing_content_type' },
    { header: '  ', code: 'missing_content_type' },
    { header: 'text/plain', code: 'unsupported_media_type' },
    { header: 'application/jsonp', code: 'unsupported_media_type' },
    { header: 'json', code: 'unsupported_media_type' },
    { header: 'application/json; charset=iso-8859-1', code: 'unsupported_charset' },
    { header: 'application/json; charset=utf-16', code: 'unsupported_charset' },
  ] as const;
  for (const { header, code } of refusedCases) {
    it(`refuses ${JSON.stringify(header)} with ${code}`, () => {
      assert.throws(
        () => checkContentType(header, accepted),
        (error: unknown) => isIngressError(error, code),
      );
    });
  }
});
