import { describe, expect, it } from 'vitest';
import { valueLabel, variableLabel } from '../../domain/value-labels';

describe('value labels', () => {
  it('names the shared values and variables in words', () => {
    expect(valueLabel('kon', 'kvinna')).toBe('Kvinna');
    expect(valueLabel('omrade', 'vet_inte')).toBe('Vet inte');
    expect(valueLabel(undefined, 'vill_ej_svara')).toBe('Vill inte svara');
    expect(valueLabel('aldersgrupp', '18-29')).toBe('18–29 år');
    expect(valueLabel('aldersgrupp', '65+')).toBe('65 år och äldre');
    expect(variableLabel('aldersgrupp')).toBe('Åldersgrupp');
  });

  it('prefers the given names, and never leaves underscores in an unknown value', () => {
    const names = new Map([['hallabrottet', 'Hallabrottet']]);
    expect(valueLabel('omrade', 'hallabrottet', names)).toBe('Hallabrottet');
    expect(valueLabel('omrade', 'norra_staden')).toBe('Norra staden');
    expect(valueLabel('x', '1880R001')).toBe('1880R001');
    expect(variableLabel('egen_kategori')).toBe('Egen kategori');
  });
});
