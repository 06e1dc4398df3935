// A test that asserts nothing cannot fail: every test must make at least one assertion.
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
