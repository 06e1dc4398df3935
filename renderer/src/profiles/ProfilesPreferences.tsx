import { useState } from 'react';
import { CollectionPreferences, type CollectionPreferencesProps } from '@cloudscape-design/components';

export const PROFILE_COLUMNS = [
  { id: 'name', label: 'Name, type and region', alwaysVisible: true },
  { id: 'status', label: 'Status' },
  { id: 'expires', label: 'Signed in / expires' },
  { id: 'identity', label: 'Account and identity ARN' },
] as const;

export interface ProfilePrefs {
  pageSize: number;
  wrapLines: boolean;
  contentDisplay: ReadonlyArray<CollectionPreferencesProps.ContentDisplayItem>;
}

const DEFAULTS: ProfilePrefs = {
  pageSize: 20,
  // Wrapped, the table fits a small window (1024 px) without scrolling sideways.
  wrapLines: true,
  contentDisplay: PROFILE_COLUMNS.map((c) => ({ id: c.id, visible: true })),
};

/** The table's preferences (visible columns and their order, wrap lines, page size), kept for this window's life. */
export function useProfilePrefs(): [ProfilePrefs, (p: ProfilePrefs) => void] {
  return useState<ProfilePrefs>(DEFAULTS);
}

export function ProfilesPreferences({ prefs, onChange }: { prefs: ProfilePrefs; onChange: (p: ProfilePrefs) => void }) {
  return (
    <CollectionPreferences
      title="Table preferences"
      confirmLabel="Confirm"
      cancelLabel="Cancel"
      preferences={prefs}
      pageSizePreference={{ title: 'Profiles per page', options: [10, 20, 50, 100].map((n) => ({ value: n, label: `${n} profiles` })) }}
      wrapLinesPreference={{ label: 'Wrap lines', description: 'Show long ARNs and messages on several lines (between words, never inside one)' }}
      contentDisplayPreference={{ title: 'Columns', description: 'Choose and order the columns', options: PROFILE_COLUMNS.map((c) => ({ id: c.id, label: c.label, ...('alwaysVisible' in c ? { alwaysVisible: true } : {}) })) }}
      onConfirm={({ detail }) =>
        onChange({
          pageSize: detail.pageSize ?? prefs.pageSize,
          wrapLines: detail.wrapLines ?? prefs.wrapLines,
          contentDisplay: detail.contentDisplay ?? prefs.contentDisplay,
        })
      }
    />
  );
}
