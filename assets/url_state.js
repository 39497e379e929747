// Page-specific view state (a chosen measure, a sort, a search) kept in the address bar
// without re-rendering the page: history.replaceState, and the shell's store "page-state"
// mirrors the keys so that a filter change keeps them.
(function () {
    var GLOBAL = ["region", "year", "sector", "municipality"];
    window.nokSetQuery = function (key, value, fallback) {
        var params = new URLSearchParams(window.location.search);
        if (value === null || value === undefined || value === "" || value === fallback) {
            params.delete(key);
        } else {
            params.set(key, String(value));
        }
        var search = params.toString();
        var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
        window.history.replaceState(window.history.state, "", url);
        var extra = {};
        params.forEach(function (v, k) { if (GLOBAL.indexOf(k) < 0) { extra[k] = v; } });
        if (window.dash_clientside && window.dash_clientside.set_props) {
            window.dash_clientside.set_props("page-state", {data: extra});
            // the shell's location must know the new address, or its next write (a filter
            // change) would start from the old one; it does not navigate: the address is current
            window.dash_clientside.set_props("url", {search: window.location.search,
                                                     href: window.location.href});
        }
    };
})();
