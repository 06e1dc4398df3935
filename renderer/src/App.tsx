import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AppLayout, Flashbar, SideNavigation, SplitPanel, TopNavigation } from '@cloudscape-design/components';
import type { AppInfo } from '../../shared/profile-types.js';
import { api } from './api.js';
import { CellPanel } from './matrix/CellPanel.js';
import { KubectlPage } from './kubectl/KubectlPage.js';
import { UseWithKubectlModal } from './kubectl/UseWithKubectlModal.js';
import { cellKey } from './matrix/format.js';
import { COMPACT_COL_W, COMPACT_FIRST_W } from './matrix/MatrixGrid.js';
import { MatrixPage } from './matrix/MatrixPage.js';
import { useMatrix } from './matrix/useMatrix.js';
import { ProfilesPage } from './profiles/ProfilesPage.js';
import { AccountAliasesContext, aliasesOf } from './profiles/account-label.js';
import { AppCommandsContext, FALLBACK_COMMANDS } from './app-commands.js';
import { profileExpiry } from './profiles/expiry.js';
import { useStaySignedIn } from './profiles/useStaySignedIn.js';
import { useNow } from './useNow.js';
import { useFilesChanged } from './useFilesChanged.js';
import { SkipLink } from './SkipLink.js';
import { earlyElseCall, earlyResult } from './early-calls.js';
import { useProfiles } from './useProfiles.js';
import { useUndoNotices } from './wizards/undo-notices.js';

type Route = 'kubectl' | 'profiles' | 'matrix';

function routeOf(hash: string): Route {
  return hash === '#/matrix' ? 'matrix' : hash === '#/profiles' ? 'profiles' : 'kubectl';
}

/** Three pages, chosen by the URL hash (#/kubectl first, #/profiles, #/matrix): no router needed, and Back works. */
function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (r) => {
    window.location.hash = `#/${r}`;
    setRoute(r);
    // Another page opens at its top; the browser's Back keeps its own scroll restoring.
    window.scrollTo(0, 0);
  }];
}

/** Puts the focus back on a cell of the grid (or on the grid, which moves it to its current cell, when scrolled away). */
function focusCell(profile: string, clusterArn: string): void {
  const cell = document.querySelector<HTMLElement>(`[data-testid="cell"][data-profile="${CSS.escape(profile)}"][data-cluster="${CSS.escape(clusterArn)}"]`);
  (cell ?? document.querySelector<HTMLElement>('[data-testid="matrix-grid"]'))?.focus();
}

/** The window's width, followed as it is resized. */
function useWindowWidth(): number {
  const [width, setWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return width;
}

/** Wide enough for the navigation, the grid and the cell panel side by side. */
const WIDE = 1280;

/**
 * The cell panel's width until the user drags its edge: the room a small grid leaves (its compact columns and the
 * page's margins), else about a quarter of the window, so a large grid keeps most of it.
 */
function defaultPanelWidth(windowWidth: number, navWidth: number, clusters: number): number {
  const gridNeeds = COMPACT_FIRST_W + clusters * COMPACT_COL_W + 100;
  return Math.round(Math.min(480, Math.max(280, windowWidth * 0.28, windowWidth - navWidth - gridNeeds)));
}

export function App() {
  // Asked for as the page opened (early-calls.ts): when already answered, the first screen has it.
  const [info, setInfo] = useState<AppInfo | undefined>(() => earlyResult<AppInfo>('app.info', {}));
  const { data, error, loading, reload, upsert } = useProfiles();
  const [route, go] = useRoute();
  const [navOpen, setNavOpen] = useState(true);
  const matrix = useMatrix();
  const [openCell, setOpenCell] = useState<{ profile: string; clusterArn: string } | undefined>();
  const [panelOpen, setPanelOpen] = useState(false);
  const [useOpen, setUseOpen] = useState(false);
  const windowWidth = useWindowWidth();
  const wide = windowWidth >= WIDE;
  // Once dragged, the panel keeps the width the user chose.
  const [panelWidth, setPanelWidth] = useState<number | undefined>();
  const wideRef = useRef(wide);
  wideRef.current = wide;
  const navHidden = useRef(false);
  const [kubeconfigWrites, setKubeconfigWrites] = useState(0);
  const staySignedIn = useStaySignedIn(data?.profiles, upsert);
  const now = useNow(30_000);
  const expiries = useMemo(
    () => new Map((data?.profiles ?? []).flatMap((p) => {
      const e = profileExpiry(p, now);
      return e ? [[p.name, e] as const] : [];
    })),
    [data, now],
  );
  const aliases = useMemo(() => aliasesOf(data?.profiles), [data]);
  const filesChanged = useFilesChanged({ onProfilesFiles: () => void reload(false), onKubeconfig: () => setKubeconfigWrites((n) => n + 1) });
  // A change a closed wizard left in place keeps its undo on every page.
  const undoNotices = useUndoNotices(() => setKubeconfigWrites((n) => n + 1));
  // Opened from the keyboard (Enter on a cell): the focus goes into the panel, and comes back to the cell on close.
  const [focusPanel, setFocusPanel] = useState(0);
  const openCellPanel = useCallback((profile: string, clusterArn: string, fromKeyboard?: boolean) => {
    setOpenCell({ profile, clusterArn });
    setPanelOpen(true);
    if (fromKeyboard) setFocusPanel((n) => n + 1);
    // In a narrow window the navigation steps aside while a cell is open (so the grid keeps its columns), and
    // comes back when the panel closes.
    if (!wideRef.current) setNavOpen((open) => {
      if (open) navHidden.current = true;
      return false;
    });
  }, []);
  // The same when the window is made narrow while a cell is open.
  useEffect(() => {
    if (!wide && panelOpen && route === 'matrix') setNavOpen((open) => {
      if (open) navHidden.current = true;
      return false;
    });
  }, [wide, panelOpen, route]);
  // Made wide again while the cell is still open: there is room, so the navigation the app put aside comes back.
  useEffect(() => {
    if (wide && navHidden.current) {
      navHidden.current = false;
      setNavOpen(true);
    }
  }, [wide]);
  const closePanel = useCallback(() => {
    setPanelOpen(false);
    if (navHidden.current) {
      navHidden.current = false;
      setNavOpen(true);
    }
    if (openCell) requestAnimationFrame(() => focusCell(openCell.profile, openCell.clusterArn));
  }, [openCell]);

  const infoKnown = useRef(info !== undefined);
  useEffect(() => {
    earlyElseCall('app.info', {}, infoKnown.current, () => void api['app.info']({}).then(setInfo, () => undefined));
  }, []);

  const demo = info?.demo ?? false;
  const m = matrix.model;
  const panelCluster = openCell && m.clusters.find((c) => c.arn === openCell.clusterArn);
  const splitPanel =
    route === 'matrix' && openCell && panelCluster ? (
      <SplitPanel header={`${openCell.profile} → ${panelCluster.name}`} closeBehavior="hide" hidePreferencesButton>
        <CellPanel
          key={cellKey(openCell.profile, openCell.clusterArn)}
          focusRequest={focusPanel}
          onEscape={closePanel}
          profile={m.profiles.find((p) => p.name === openCell.profile)}
          profileName={openCell.profile}
          cluster={panelCluster}
          cell={m.cells.get(cellKey(openCell.profile, openCell.clusterArn))}
          pending={m.pending.has(cellKey(openCell.profile, openCell.clusterArn))}
          onRerunCell={() => void matrix.rerun(openCell)}
          onRerunRow={() => void matrix.rerun({ profile: openCell.profile })}
          onRerunColumn={() => void matrix.rerun({ clusterArn: openCell.clusterArn })}
        />
      </SplitPanel>
    ) : undefined;
  return (
    <AppCommandsContext.Provider value={info?.commands ?? FALLBACK_COMMANDS}>
    <AccountAliasesContext.Provider value={aliases}>
      <SkipLink toGrid={route === 'matrix'} />
      <div id="top-nav-bar" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <TopNavigation
          identity={{ href: '#', title: 'EKS Access Doctor' }}
          utilities={[
            ...(demo
              ? [{ type: 'button' as const, text: 'Demo sandbox', iconName: 'status-info' as const, ariaLabel: 'Demo sandbox: simulated AWS', disableUtilityCollapse: true }]
              : []),
            {
              type: 'button' as const,
              text: 'Use with kubectl',
              title: 'Choose the AWS profile kubectl signs in with for a cluster (changes your kubeconfig only, never your AWS config)',
              iconName: 'user-profile' as const,
              ariaLabel: 'Use with kubectl: choose the AWS profile kubectl signs in with',
              disableUtilityCollapse: true,
              onClick: () => setUseOpen(true),
            },
          ]}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav-bar"
        navigationOpen={navOpen}
        onNavigationChange={(e) => setNavOpen(e.detail.open)}
        navigationWidth={220}
        navigation={
          <SideNavigation
            header={{ href: '#/kubectl', text: 'EKS Access Doctor' }}
            activeHref={`#/${route}`}
            onFollow={(e) => {
              e.preventDefault();
              go(routeOf(e.detail.href));
            }}
            items={[
              { type: 'link', text: 'Your kubectl', href: '#/kubectl' },
              { type: 'link', text: 'Profiles', href: '#/profiles' },
              { type: 'link', text: 'Access matrix', href: '#/matrix' },
            ]}
          />
        }
        toolsHide
        contentType="table"
        splitPanel={splitPanel}
        splitPanelOpen={Boolean(splitPanel) && panelOpen}
        onSplitPanelToggle={(e) => (e.detail.open ? setPanelOpen(true) : closePanel())}
        splitPanelPreferences={{ position: 'side' }}
        splitPanelSize={panelWidth ?? defaultPanelWidth(windowWidth, wide ? 280 : 0, matrix.model?.clusters.length ?? 0)}
        onSplitPanelResize={(e) => setPanelWidth(e.detail.size)}
        notifications={
          <Flashbar
            items={[
              ...(demo
                ? [{ id: 'demo', type: 'info' as const, content: 'Demo sandbox: the app is pointed at a simulated AWS account on this machine. Nothing here touches real AWS.' }]
                : []),
              ...staySignedIn.items,
              ...filesChanged,
              ...undoNotices.items,
            ]}
          />
        }
        content={
          route === 'kubectl' ? (
            <KubectlPage matrix={matrix} changed={kubeconfigWrites} />
          ) : route === 'matrix' ? (
            <MatrixPage
              matrix={matrix}
              expiries={expiries}
              selected={panelOpen ? openCell : undefined}
              onOpen={openCellPanel}
            />
          ) : (
          <ProfilesPage
            data={data}
            loading={loading}
            loadError={error}
            demo={demo}
            onReload={(refresh) => void reload(refresh)}
            onUpdate={upsert}
          />
          )
        }
      />
      {staySignedIn.modal}
      {undoNotices.modal}
      {useOpen && <UseWithKubectlModal onClose={() => setUseOpen(false)} onChanged={() => setKubeconfigWrites((n) => n + 1)} />}
    </AccountAliasesContext.Provider>
    </AppCommandsContext.Provider>
  );
}
