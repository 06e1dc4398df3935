import { useCallback, useEffect, useState } from 'react';
import { AppLayout, Flashbar, TopNavigation } from '@cloudscape-design/components';
import type { AppInfo } from '../../shared/profile-types.js';
import { api } from './api.js';
import { ProfilesPage } from './profiles/ProfilesPage.js';
import { useProfiles } from './useProfiles.js';

export function App() {
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [switchError, setSwitchError] = useState<string | undefined>();
  const { data, setData, error, loading, reload, upsert } = useProfiles();

  useEffect(() => {
    api['app.info']({}).then(setInfo, () => undefined);
  }, []);

  const setActive = useCallback(async (name: string) => {
    try {
      const result = await api['profiles.setActive']({ name });
      setData((prev) => (prev ? { ...prev, active: result.name } : prev));
      setSwitchError(undefined);
    } catch (err) {
      setSwitchError((err as Error).message);
    }
  }, [setData]);

  const active = data?.active ?? null;
  const demo = info?.demo ?? false;
  return (
    <>
      <div id="top-nav-bar" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <TopNavigation
          identity={{ href: '#', title: 'EKS Access Doctor' }}
          utilities={[
            ...(demo
              ? [{ type: 'button' as const, text: 'Demo sandbox', iconName: 'status-info' as const, ariaLabel: 'Demo sandbox: simulated AWS', disableUtilityCollapse: true }]
              : []),
            {
              type: 'menu-dropdown' as const,
              text: active ? `Profile: ${active}` : 'No active profile',
              description: 'The profile the app uses for its own AWS calls',
              iconName: 'user-profile' as const,
              items: (data?.profiles ?? [])
                .filter((p) => p.type !== 'environment')
                .map((p) => ({ id: p.name, text: p.name, secondaryText: p.identity?.arn ?? p.status, checked: p.name === active })),
              onItemClick: (e) => void setActive(e.detail.id),
            },
          ]}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav-bar"
        navigationHide
        toolsHide
        contentType="table"
        notifications={
          <Flashbar
            items={[
              ...(demo
                ? [{ id: 'demo', type: 'info' as const, content: 'Demo sandbox: the app is pointed at a simulated AWS account on this machine. Nothing here touches real AWS.' }]
                : []),
              ...(switchError ? [{ id: 'switch', type: 'error' as const, content: switchError, dismissible: true, onDismiss: () => setSwitchError(undefined) }] : []),
            ]}
          />
        }
        content={
          <ProfilesPage
            data={data}
            loading={loading}
            loadError={error}
            demo={demo}
            onReload={(refresh) => void reload(refresh)}
            onUpdate={upsert}
            onSetActive={(name) => void setActive(name)}
          />
        }
      />
    </>
  );
}
