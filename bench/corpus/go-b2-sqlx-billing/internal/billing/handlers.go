package billing

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"
)

type API struct {
	store *Store
}

func NewAPI(store *Store) *API { return &API{store: store} }

func (a *API) Routes() http.Handler {
	r := chi.NewRouter()
	r.Get("/invoices", a.list)
	r.Get("/invoices/search", a.search)
	r.Get("/invoices/totals", a.totals)
	r.Get("/invoices/{id}", a.get)
	r.Post("/invoices/{id}/paid", a.markPaid)
	r.Post("/invoices/void", a.void)
	return r
}

func writeJSON(w http.ResponseWriter, status int, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (a *API) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	customerID, err := strconv.ParseInt(q.Get("customer"), 10, 64)
	if err != nil {
		http.Error(w, "bad customer", http.StatusBadRequest)
		return
	}
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var statuses []string
	if s := q.Get("status"); s != "" {
		statuses = strings.Split(s, ",")
	}
	out, err := a.store.List(r.Context(), ListParams{
		CustomerID: customerID,
		Statuses:   statuses,
		Sort:       q.Get("sort"),
		Desc:       q.Get("dir") == "desc",
		Limit:      limit,
	})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) search(w http.ResponseWriter, r *http.Request) {
	out, err := a.store.SearchByNumber(r.Context(), r.URL.Query().Get("prefix"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) totals(w http.ResponseWriter, r *http.Request) {
	group := r.URL.Query().Get("group")
	if group == "" {
		group = "status"
	}
	out, err := a.store.Totals(r.Context(), r.URL.Query().Get("currency"), group)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (a *API) get(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	inv, err := a.store.Get(r.Context(), id)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	writeJSON(w, http.StatusOK, inv)
}

func (a *API) markPaid(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if err := a.store.MarkPaid(r.Context(), id, nowUTC()); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) void(w http.ResponseWriter, r *http.Request) {
	var body struct {
		IDs []int64 `json:"ids"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || len(body.IDs) == 0 {
		http.Error(w, "ids required", http.StatusBadRequest)
		return
	}
	n, err := a.store.VoidMany(r.Context(), body.IDs)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, map[string]int64{"voided": n})
}
